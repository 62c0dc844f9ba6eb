"""The report forms: one pure spec and one FormValidationAction per form."""

from __future__ import annotations

from actions.forms.collision import COLLISION_REPORT
from actions.forms.community import COMMUNITY_INFO
from actions.forms.crime import CRIME_REPORT
from actions.forms.spec import FormSpec

SPECS: dict[str, FormSpec] = {spec.name: spec for spec in (CRIME_REPORT, COLLISION_REPORT, COMMUNITY_INFO)}
