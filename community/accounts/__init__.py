"""Users, log-in, API tokens."""
