"""CSV files of the directory tests."""

HEADER = (
    "reference,name,category,description,address,postcode,commune_code,latitude,longitude,"
    "opening_hours,hours_note,wheelchair,hearing_loop,languages,phone,email,website,source,"
    "last_verified_on,visibility"
)
GOOD_LINES = [
    "ars-tc-1,Centre de dépistage Rennes,test_centre,Tests PCR,1 rue A,35000,35238,48.15,-1.65,"
    '"Mo-Fr 08:00-18:00; PH off",,yes,no,fr en,02 99 00 00 01,,https://example.org,ARS,'
    "2026-01-10,public",
    "ars-ph-2,Pharmacie de Saint-Malo,pharmacy,,2 rue B,35400,,48.65,-1.95,"
    '"Mo-Sa 09:00-19:30",,limited,,fr,02 99 00 00 02,,,ARS,,public',
    "cellule-3,Cellule de crise,crisis_actor,,,,,,,24/7,,,,,3114,,,,,internal",
]


def csv_bytes(*lines: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode("utf-8")


GOOD = csv_bytes(*GOOD_LINES)
