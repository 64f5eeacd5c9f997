"""publish.py: GeoJSON features and schema.org JSON-LD from an entry (pure)."""

from vigie.directory import publish

ENTRY = {
    "uuid": "u-1",
    "reference": "ref-1",
    "name": "Pharmacie",
    "category": "pharmacy",
    "category_label": "Pharmacy",
    "description": "",
    "address": "1 rue A",
    "postcode": "35000",
    "commune_code": "35238",
    "commune_name": "Rennes",
    "latitude": 48.1,
    "longitude": -1.6,
    "opening_hours": "24/7",
    "hours_note": "",
    "open_now": True,
    "wheelchair": "yes",
    "hearing_loop": "limited",
    "languages": ["fr"],
    "phone": "+33299000000",
    "email": "",
    "website": "",
    "url": "https://vigie.example/services/u-1/",
    "last_verified_on": None,
    "visibility": "public",
}


def test_feature_is_a_point_in_lon_lat_order():
    feature = publish.feature(ENTRY)

    assert feature["geometry"] == {"type": "Point", "coordinates": [-1.6, 48.1]}
    assert feature["properties"]["commune_code"] == "35238"
    assert publish.feature({**ENTRY, "latitude": None, "longitude": None})["geometry"] is None


def test_json_ld_maps_the_entry_to_schema_org():
    hours = [{"@type": "OpeningHoursSpecification", "opens": "00:00", "closes": "23:59"}]

    item = publish.json_ld(ENTRY, hours)

    assert item["@context"] == "https://schema.org" and item["@type"] == "Pharmacy"
    assert item["url"] == ENTRY["url"] and item["telephone"] == "+33299000000"
    assert item["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "1 rue A",
        "postalCode": "35000",
        "addressLocality": "Rennes",
        "addressCountry": "FR",
    }
    assert item["openingHoursSpecification"] == hours
    assert [f["value"] for f in item["amenityFeature"]] == [True, "limited"]
    assert "email" not in item and "description" not in item
    graph = publish.json_ld_graph([publish.json_ld(ENTRY, [], context=False)])
    assert "@context" not in graph["@graph"][0]
