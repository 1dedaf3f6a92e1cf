"""The webhook dispatcher (``brink dispatch``): see ``dispatcher.py``."""
