"""Shared kernel: names, priorities, safety copy and the deterministic safety rules.

Everything here is pure standard-library Python that imports on 3.9 (the Rasa runtime) and on
3.11+ (gateway, actions, tooling), so the bot, the action server and the gateway agree on one
definition of each name, priority and piece of safety wording.
"""
