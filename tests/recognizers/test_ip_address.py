import pytest

from recognizers import IpAddressRecognizer
from tests.recognizers.helpers import found


@pytest.mark.parametrize(
    "text, expected",
    [
        ("IP 192.168.0.1 loggades", ["192.168.0.1"]),
        ("från 2001:db8::1.", ["2001:db8::1"]),
        ("999.1.1.1", []),
        ("version 1.2.3.4.5", []),
        ("kl 12:30:45", []),
    ],
)
def test_table(text, expected):
    assert found(IpAddressRecognizer(), text) == expected
