"""Slack front end: Bolt AsyncApp wiring, one small module per trigger, and Block Kit rendering."""
