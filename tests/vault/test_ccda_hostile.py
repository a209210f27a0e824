"""Hostile and broken XML: each gets a clear UnreadableDocument, quickly, reading nothing
from outside the bytes handed in."""

from __future__ import annotations

import time

import pytest

from recordright.vault.ccda import parse_ccda
from recordright.vault.errors import UnreadableDocument

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<ClinicalDocument xmlns="urn:hl7-org:v3"><title>&lol9;</title></ClinicalDocument>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE doc [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<ClinicalDocument xmlns="urn:hl7-org:v3"><title>&xxe;</title>
<component><structuredBody/></component></ClinicalDocument>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE ClinicalDocument SYSTEM "http://example.invalid/cda.dtd">
<ClinicalDocument xmlns="urn:hl7-org:v3"><component><structuredBody/></component>
</ClinicalDocument>"""

PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>
<ClinicalDocument xmlns="urn:hl7-org:v3"/>"""

UTF16_DOCTYPE = ('<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE d [<!ENTITY x "y">]>'
                 '<ClinicalDocument xmlns="urn:hl7-org:v3"/>').encode("utf-16")

DEEP = b"<ClinicalDocument xmlns='urn:hl7-org:v3'>" + b"<a>" * 100_000 + b"</a>" * 100_000 + \
    b"</ClinicalDocument>"

HOSTILE = {
    "billion laughs": (BILLION_LAUGHS, "document type"),
    "external entity": (EXTERNAL_ENTITY, "document type"),
    "external DTD": (EXTERNAL_DTD, "document type"),
    "parameter entity": (PARAMETER_ENTITY, "document type"),
    "UTF-16 DOCTYPE": (UTF16_DOCTYPE, "document type"),
    "malformed": (b"<ClinicalDocument xmlns='urn:hl7-org:v3'><title>x</titl>", "well-formed"),
    "truncated": (b"<?xml version='1.0'?><ClinicalDocument xmlns='urn:hl7-org:v3'><compo",
                  "well-formed"),
    "empty": (b"", "empty"),
    "whitespace": (b"  \n\t ", "empty"),
    "not XML": (b"%PDF-1.7 not xml at all", "well-formed"),
    "other XML": (b"<?xml version='1.0'?><html><body>hello</body></html>", "not a C-CDA"),
    "CDA without namespace": (b"<ClinicalDocument><title>x</title></ClinicalDocument>",
                              "not a C-CDA"),
    "no body": (b"<ClinicalDocument xmlns='urn:hl7-org:v3'><title>x</title></ClinicalDocument>",
                "no body"),
    "deeply nested": (DEEP, "too deeply nested"),
    "huge text node": (b"<ClinicalDocument xmlns='urn:hl7-org:v3'><component><nonXMLBody><text>"
                       + b"A" * (11 << 20) + b"</text></nonXMLBody></component></ClinicalDocument>",
                       "too large"),
    "damaged base64": (b"<ClinicalDocument xmlns='urn:hl7-org:v3'><component><nonXMLBody>"
                       b"<text mediaType='application/pdf' representation='B64'>@@@@!!</text>"
                       b"</nonXMLBody></component></ClinicalDocument>", "damaged"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_xml_is_refused_with_a_clear_message(name):
    data, words = HOSTILE[name]
    started = time.monotonic()
    with pytest.raises(UnreadableDocument) as caught:
        parse_ccda(data)
    assert time.monotonic() - started < 5   # bounded, with room for a busy machine
    message = str(caught.value)
    assert words in message
    assert message[0].isupper() and message.endswith(".")
    assert "root:" not in message          # nothing read from /etc/passwd


def test_entities_are_never_expanded_even_without_a_doctype_check(monkeypatch):
    """Defence in depth: with the DOCTYPE pre-check disabled, the hardened parser still
    neither expands entities nor reads files."""
    from recordright.vault.ccda import xmlsafe
    monkeypatch.setattr(xmlsafe, "_DOCTYPE", xmlsafe.re.compile(rb"(?!)"))
    monkeypatch.setattr(xmlsafe, "_ENTITY", xmlsafe.re.compile(rb"(?!)"))
    for data in (BILLION_LAUGHS, EXTERNAL_ENTITY):
        started = time.monotonic()
        with pytest.raises(UnreadableDocument):
            parse_ccda(data)
        assert time.monotonic() - started < 5   # bounded, with room for a busy machine
    root = xmlsafe.etree.fromstring(EXTERNAL_ENTITY, xmlsafe._parser())
    assert "root:" not in "".join(root.itertext())


def test_lxml_is_one_that_does_not_resolve_entities_in_iterparse():
    """lxml before 6.1 resolved external entities in iterparse(): pinned >= 6.1."""
    from lxml import etree
    assert etree.LXML_VERSION >= (6, 1)
