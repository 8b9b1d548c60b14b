"""Swedish recognizers for Skymma, as Presidio plug-ins.

``ALL_RECOGNIZERS`` is the one place a recognizer class is listed. The analysis engine builds its
registry from it (never from Presidio's predefined recognizers) and applies
``recognizers/conf/recognizers.yaml``; a test checks that the YAML names exactly these classes.
Recognizer modules import only presidio_analyzer, the standard library and small helper libraries
(regex, phonenumbers, tldextract).
"""

from recognizers.base import RecognizerFailed, SkymmaPatternRecognizer
from recognizers.ip_address import IpAddressRecognizer
from recognizers.se_bank_account import SeBankAccountRecognizer
from recognizers.se_date_of_birth import SeDateOfBirthRecognizer
from recognizers.se_email import SeEmailRecognizer
from recognizers.se_license_plate import SeLicensePlateRecognizer
from recognizers.se_organisationsnummer import SeOrganisationsnummerRecognizer
from recognizers.se_person_name import SePersonNameRecognizer
from recognizers.se_personnummer import SePersonnummerRecognizer
from recognizers.se_phone import SePhoneRecognizer
from recognizers.se_postcode import SePostcodeRecognizer
from recognizers.se_samordningsnummer import SeSamordningsnummerRecognizer
from recognizers.se_street_address import SeStreetAddressRecognizer

ALL_RECOGNIZERS: tuple[type[SkymmaPatternRecognizer], ...] = (
    SePersonnummerRecognizer,
    SeSamordningsnummerRecognizer,
    SeOrganisationsnummerRecognizer,
    SePhoneRecognizer,
    SeEmailRecognizer,
    SeStreetAddressRecognizer,
    SePostcodeRecognizer,
    SeBankAccountRecognizer,
    SeLicensePlateRecognizer,
    SeDateOfBirthRecognizer,
    IpAddressRecognizer,
    SePersonNameRecognizer,
)

__all__ = ["ALL_RECOGNIZERS", "RecognizerFailed", "SkymmaPatternRecognizer"]
