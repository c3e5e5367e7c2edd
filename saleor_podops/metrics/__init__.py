"""Production metrics computed from the timeline (no app: no models of its own)."""
