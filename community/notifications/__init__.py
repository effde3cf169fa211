"""In-app notifications: replies, mentions, answers, waitlist promotions, case questions."""
