"""Models for this app."""
