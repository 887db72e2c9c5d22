"""Team insights from the suggestion log: the weekly digest, its chart and when it is due."""
