"""`party-coach dashboard`: the suggestion log, read-only, in Datasette with labels and charts."""
