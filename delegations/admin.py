import delegations.admin_invitations  # noqa: F401
