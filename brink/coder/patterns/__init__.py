"""Dependency pattern files (data): one YAML file per CAMEO root family; see README.md."""
