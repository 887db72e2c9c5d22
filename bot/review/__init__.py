"""Reviewing drafts: the model, the reviewers, and the service every front end calls."""
