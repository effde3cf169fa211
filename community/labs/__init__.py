"""Labs, their prefectures and regions, member organisations, memberships and invitations."""
