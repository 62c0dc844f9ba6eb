"""Rasa-side code of the assistant: custom NLU components (and channels) for Rasa 3.6.

Runs in the Rasa environment (Python 3.10 / 3.9, Rasa 3.6.21, spaCy 3.4); the repository root must
be on ``PYTHONPATH`` so that ``bot`` and the shared kernel ``triage`` import.
"""
