"""The roles of the apps' role × URL matrices and the usual expectations per role.

Nine users around the home `association`: anonymous, the platform admin, the coordinator of
its region and of another, its municipality's methodist and another one, its head, the head
of another association of the same municipality, and a member teacher. 404: the record does
not exist for the user (out of scope); 403: in scope, not allowed.
"""

ROLES = [
    "anonymous",
    "platform_admin",
    "coordinator",
    "coordinator_other",
    "methodist",
    "methodist_other",
    "head",
    "other_head",
    "teacher",
]
READ_ALL = dict.fromkeys(ROLES, 200) | {"anonymous": 302}
READ_IN_SCOPE = READ_ALL | {"coordinator_other": 404, "methodist_other": 404}
# The methodist of the municipality (and the admin) manage; the rest in scope may not.
MANAGE = {
    "anonymous": 302,
    "platform_admin": 200,
    "coordinator": 403,
    "coordinator_other": 404,
    "methodist": 200,
    "methodist_other": 404,
    "head": 403,
    "other_head": 403,
    "teacher": 403,
}
# ... and the head of the association too.
HEAD_MANAGES = MANAGE | {"head": 200}
