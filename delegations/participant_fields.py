"""A participant's details, by what they are about: the one list that the registration forms,
services, the import, the exports and retention build their field lists from, so that a new
detail is named in one place.
"""

# How the person is named (in Latin letters, in their order, in their own script) and titled.
NAME_FIELDS = [
    "honorific",
    "given_name",
    "family_name",
    "name_order",
    "own_script_name",
    "functional_title",
]
# The person's place in the delegation; the badge prints it.
PLACE_FIELDS = ["role", "category"]
# How to reach the person, and in which language to write to them.
CONTACT_FIELDS = ["email", "phone", "preferred_language"]
NEEDS_FIELDS = ["dietary_needs", "access_needs"]
# Asked of media representatives only (individual applications); organisers see them.
MEDIA_FIELDS = ["media_outlet", "press_card_number"]

# Everything a participant's record says about them that a form or a file may fill in, in the
# order forms and files show it (the photo travels apart, as a file).
PARTICIPANT_DETAILS = [
    *NAME_FIELDS,
    *PLACE_FIELDS,
    *CONTACT_FIELDS,
    "nationality",
    *NEEDS_FIELDS,
    *MEDIA_FIELDS,
    "consents_to_public_listing",
]

# What the official List of Participants shows, and so what is kept after the retention
# period; every other personal detail is then removed.
OFFICIAL_RECORD_FIELDS = [*NAME_FIELDS, *PLACE_FIELDS]
