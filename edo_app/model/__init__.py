"""Value objects shared by every part of the core."""
