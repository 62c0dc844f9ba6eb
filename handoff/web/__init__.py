"""HTTP and websocket edge of the gateway: thin handlers over handoff.service."""
