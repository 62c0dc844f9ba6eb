"""Edges of the gateway: database, Rasa client, websocket hub. The domain never imports these."""
