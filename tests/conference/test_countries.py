import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conference.countries import country_choices
from conference.models import Venue
from delegations.models import Participant


def test_a_country_field_refuses_an_unknown_code_and_a_missing_one_where_required():
    with pytest.raises(ValidationError) as refused:
        Venue(name="Palais", city="Geneva", country="XX").clean_fields()
    assert refused.value.message_dict == {"country": ["Value 'XX' is not a valid choice."]}

    with pytest.raises(ValidationError) as missing:
        Venue(name="Palais", city="Geneva", country="").clean_fields()
    assert missing.value.message_dict == {"country": ["This field cannot be blank."]}

    nationality = Participant._meta.get_field("nationality")
    nationality.validate("", None)  # may be left blank
    nationality.validate("GH", None)


@pytest.mark.django_db
def test_country_choices_are_made_once_per_language_in_its_order():
    country_choices.cache_clear()
    with CaptureQueriesContext(connection) as queries:
        french = country_choices("fr")
        again = country_choices("fr")

    assert again is french
    assert len(queries) == 1
    names = [name for code, name in french if code]
    assert names.index("Égypte") < names.index("Équateur") < names.index("Érythrée")
    assert next(iter(french)) == ("", "---------")
