"""Live expert channels: a public channel per field and private consultation rooms of a lab."""
