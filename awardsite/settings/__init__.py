"""Settings package: base (shared), dev (default for manage.py), production, test."""
