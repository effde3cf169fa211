"""Joint events: co-hosting labs, seats with quotas, waitlist, lottery, check-in."""
