"""Party Coach: review social posts for party manners before they go out."""

__version__ = "0.1.0"
