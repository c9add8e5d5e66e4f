"""negotiation layer."""
