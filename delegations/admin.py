# Registers the registration admin (invitations, applications); the integrator merges this
# with DelegationAdmin, adding send_invitations, revoke_invitations and InvitationInline.
from delegations import admin_applications, admin_invitations  # noqa: F401
