"""What the core announces about delegations, for feature apps to follow without the core
knowing them (the protocol app keeps a delegation's response and the secretariat's digest).

Sent inside the transaction of the change: a receiver's writes commit or roll back with it.
"""

from django.dispatch import Signal

# A delegation's status changed: `delegation`, `status` (the new DelegationStatus), `by` (a
# staff user, or None when the focal point made the change).
delegation_status_changed = Signal()

# A focal point changed the members of a delegation already submitted: `delegation`,
# `participant` and `change`, one of "added", "changed", "withdrawn", "head_replaced".
delegation_members_changed = Signal()
