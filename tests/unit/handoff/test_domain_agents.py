"""Presence, capacity and the permission table."""

from __future__ import annotations

from itertools import product

import pytest

from handoff.domain import GRANTS, InvalidValue, Permission, Presence, Role, allowed, can_take

P = Permission
_AGENT_WORK = {
    P.QUEUE_VIEW,
    P.CONVERSATION_VIEW,
    P.CONVERSATION_CLAIM,
    P.CONVERSATION_MESSAGE,
    P.CONVERSATION_RELEASE,
    P.CONVERSATION_TRANSFER,
    P.CONVERSATION_CLOSE,
}

#: Written out in full, role by role: a new role or permission fails the coverage test below.
EXPECTED: dict[tuple[Role, Permission], bool] = {
    **{(Role.AGENT, p): p in _AGENT_WORK for p in Permission},
    **{
        (Role.SUPERVISOR, p): p
        in _AGENT_WORK | {P.SUPERVISOR_VIEW, P.DESK_VIEW, P.DESK_DECIDE, P.DESK_REDELIVER}
        for p in Permission
    },
    **{(Role.DESK, p): p in {P.DESK_VIEW, P.DESK_DECIDE} for p in Permission},
    **{(Role.ANALYST, p): p in {P.ANALYST_VIEW, P.ANALYST_REVIEW} for p in Permission},
    **{(Role.ADMIN, p): True for p in Permission},
}


def test_permission_names_are_the_documented_ones() -> None:
    assert {p.value for p in Permission} == {
        "queue:view",
        "conversation:view",
        "conversation:claim",
        "conversation:message",
        "conversation:release",
        "conversation:transfer",
        "conversation:close",
        "supervisor:view",
        "analyst:view",
        "analyst:review",
        "users:manage",
        "desk:view",
        "desk:decide",
        "desk:redeliver",
    }
    assert {r.value for r in Role} == {"agent", "supervisor", "analyst", "admin", "desk"}


def test_table_covers_every_role_and_permission() -> None:
    assert set(EXPECTED) == set(product(Role, Permission))
    assert set(GRANTS) == set(Role)


@pytest.mark.parametrize(("role", "permission"), list(EXPECTED))
def test_permission_table(role: Role, permission: Permission) -> None:
    assert allowed(role, permission) is EXPECTED[(role, permission)]


@pytest.mark.parametrize(("role", "permission"), list(EXPECTED))
def test_plain_strings_work_like_the_enums(role: Role, permission: Permission) -> None:
    assert allowed(role.value, permission.value) is EXPECTED[(role, permission)]


def test_only_admins_manage_users() -> None:
    assert [r for r in Role if allowed(r, P.USERS_MANAGE)] == [Role.ADMIN]


def test_analysts_never_touch_live_chats() -> None:
    assert not any(allowed(Role.ANALYST, p) for p in Permission if not p.value.startswith("analyst:"))


@pytest.mark.parametrize(
    ("role", "permission"),
    [
        ("citizen", "queue:view"),
        ("", "queue:view"),
        ("AGENT", "queue:view"),
        ("admin", "queue:delete"),
        ("agent", ""),
    ],
)
def test_unknown_roles_and_permissions_are_denied(role: str, permission: str) -> None:
    assert allowed(role, permission) is False


@pytest.mark.parametrize(
    ("load", "limit", "presence", "expected"),
    [
        (0, 3, Presence.AVAILABLE, True),
        (2, 3, Presence.AVAILABLE, True),
        (3, 3, Presence.AVAILABLE, False),
        (4, 3, Presence.AVAILABLE, False),  # the limit was lowered under them
        (0, 0, Presence.AVAILABLE, False),
        (0, 3, Presence.AWAY, False),
        (0, 3, Presence.OFFLINE, False),
        (0, 3, "available", True),
        (0, 3, "away", False),
    ],
)
def test_can_take(load: int, limit: int, presence: Presence, expected: bool) -> None:
    assert can_take(load, limit, presence) is expected


@pytest.mark.parametrize(("load", "limit"), [(-1, 3), (0, -1)])
def test_can_take_refuses_negative_numbers(load: int, limit: int) -> None:
    with pytest.raises(InvalidValue):
        can_take(load, limit, Presence.AVAILABLE)
