"""Build-time tools for the coder's data files (not imported at run time)."""
