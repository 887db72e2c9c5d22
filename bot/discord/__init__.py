"""Discord front end: slash commands, the context menu, reactions, drafts channels and daily tips."""
