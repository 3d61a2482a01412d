"""The УКД editor: a correction built from outgoing УПД chosen in the registry."""
