"""What every feature shares. Imports no feature."""
