"""One module per screen; `base.Screen` holds what they share."""
