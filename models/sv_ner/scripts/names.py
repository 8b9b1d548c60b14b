"""Name and place pools for the synthetic corpus and the gazetteer features.

Sources (all allowed for training, see docs/model-card.md):
- SCB namnstatistik 2020 (CC0): Swedish first names with the number of bearers.
- Faker's person providers (MIT): first names and surnames of several locales.
- Hand-written lists below: common transliterated Arabic, Somali, Persian, Kurdish, Bosnian,
  Vietnamese and Eritrean names (names are facts; the lists are ours).
- swedish-geodata (CC0): municipalities, counties, postorter.

Every name is assigned to the *train* or the *held-out* pool by a stable hash of its lower-cased
form (``is_heldout``), so the synthetic test set uses names that no training document contains.
"""

from __future__ import annotations

import csv
import hashlib
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

HELDOUT_BUCKETS = 10  # one name in ten (by hash) is reserved for the held-out test set

FOREIGN_FIRST = """
Mohammed Mohamed Muhammad Ahmed Ahmad Ali Hassan Hussein Omar Yusuf Youssef Ibrahim Khalid Mustafa Mahmoud
Abdullahi Abdirahman Abdikarim Abdiaziz Abdulkadir Hamza Bilal Tariq Samir Karim Nabil Rami Ziad Walid Fadi
Fatima Aisha Amina Khadija Maryam Zainab Layla Leila Noor Nour Huda Hodan Hawa Faduma Sahra Ayan Hibo Ifrah
Nasra Ubah Ikram Asha Sagal Warsan Idil Zahra Shirin Parisa Nazanin Mina Roya Setareh Yasmin Samira Rania
Reza Ali-Reza Mehdi Hossein Amir Arash Behnam Dariush Farhad Kourosh Payam Saeed Navid Babak Shahram
Dilan Rojda Berfin Zilan Hevin Shilan Azad Baran Diyar Rebin Serhat Kawa Soran Sherko Hemin
Emir Adnan Edin Haris Senad Jasmin Mirza Nermin Amra Lejla Selma Emina Azra Merima Alma Aida Elvedin Damir
Nguyen Minh Anh Thi Van Duc Hung Linh Thu Trang Huong Lan Mai Quang Tuan Dung Hoa Phuong Khanh Bao
Yonas Dawit Tesfaye Selam Helen Yohannes Senait Mehari Abrehet Tsega Filmon Semhar Meron Ermias Kidane
Oksana Olena Iryna Natalia Andriy Oleksandr Dmytro Svitlana Yulia Vasyl
"""

FOREIGN_SURNAMES = """
Ahmed Mohamed Mohammed Hassan Hussein Ali Abdi Farah Warsame Osman Yusuf Jama Aden Abdullahi Mohamud Nur Egal
Ibrahim Omar Khalil Haddad Nasser Saleh Mansour Hamdan Aziz Rahman Karimi Ahmadi Mohammadi Hosseini Rezaei
Moradi Rahimi Jafari Hashemi Sadeghi Kazemi Tehrani Shirazi Rostami Naderi Amini Bakhtiari Yazdani
Barzani Talabani Sherwani Zebari Hawrami Rashid Mahmood Qureshi Khan Hussain Iqbal Malik Chaudhry
Hodžić Hadžić Begić Delić Kovačević Husić Mehmedović Hasanović Halilović Ibrahimović Alić Mujić Osmanović
Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly
Tesfay Gebremedhin Haile Kidane Berhane Tekle Ghebreyesus Woldemariam Abraha Mehari
Kowalski Nowak Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Dąbrowski
Korhonen Virtanen Mäkinen Nieminen Mäkelä Hämäläinen Laine Heikkinen Koskinen Järvinen
Yılmaz Kaya Demir Şahin Çelik Yıldız Aydın Öztürk Arslan Doğan
Shevchenko Kovalenko Bondarenko Tkachenko Kravchenko Melnyk Petrenko
"""

SURNAME_HEADS = [
    "Berg", "Lind", "Sjö", "Ek", "Ny", "Holm", "Lund", "Dahl", "Strand", "Blom", "Sten", "Gran",
    "Hag", "Fors", "Bäck", "Å", "Ahl", "Alm", "Björk", "Ström", "Sand", "Nord", "Väst", "Öst",
    "Sund", "Hed", "Ljung", "Rosen", "Lilje", "Falk", "Hult", "Kvarn", "Tall", "Asp", "Mal", "Wall",
    "Wester", "Öster", "Söder", "Norr", "Ting", "Eng",
]
SURNAME_TAILS = [
    "ström", "berg", "gren", "qvist", "kvist", "lund", "dahl", "strand", "blom", "sten", "man",
    "ner", "ling", "stedt", "hag", "holm", "bäck", "fors", "borg", "lin", "ius", "é", "ell", "gård",
    "vall", "mark", "by",
]


@dataclass(frozen=True)
class NamePools:
    """Names split into a training and a held-out pool. Weights bias sampling toward common names."""

    first: list[str]
    first_weights: list[float]  # number of bearers (realistic frequency)
    surnames: list[str]
    places: list[str]
    organisations: list[str]


def is_heldout(name: str) -> bool:
    """True for the names reserved for the held-out test set (stable across runs and machines)."""
    digest = hashlib.md5(name.lower().encode("utf-8")).hexdigest()
    return int(digest, 16) % HELDOUT_BUCKETS == 0


def _usable(name: str) -> bool:
    return bool(name) and ":" not in name and not any(ch.isdigit() for ch in name) and len(name) > 1


def read_scb_first_names(names_dir: Path) -> dict[str, int]:
    """Tilltalsnamn (women and men) with their number of bearers."""
    counts: dict[str, int] = {}
    for file in ("tilltalsnamn-kvinnor.csv", "tilltalsnamn-man.csv"):
        with open(names_dir / file, encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if _usable(row["name"]):
                    counts[row["name"]] = counts.get(row["name"], 0) + int(row["persons"])
    return counts


def read_scb_all_first_names(names_dir: Path) -> set[str]:
    """Every registered given name (förnamn and tilltalsnamn), for the gazetteer."""
    names: set[str] = set()
    for file in sorted(names_dir.glob("*.csv")):
        with open(file, encoding="utf-8") as handle:
            names.update(row["name"] for row in csv.DictReader(handle) if _usable(row["name"]))
    return names


@cache
def faker_names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """First names and surnames from Faker's Latin-script person providers (deterministic)."""
    from faker import Faker

    firsts: set[str] = set()
    lasts: set[str] = set()
    for locale in ("sv_SE", "fi_FI", "pl_PL", "tr_TR", "hr_HR", "de_DE", "es_ES", "en_US", "et_EE",
                   "lt_LT", "hu_HU", "cs_CZ", "sl_SI", "no_NO", "da_DK", "vi_VN", "it_IT", "pt_PT"):
        fake = Faker(locale)
        fake.seed_instance(7)
        for _ in range(600):
            firsts.add(fake.first_name())
            lasts.add(fake.last_name())
    firsts -= {"John", "Jane"}  # vi_VN placeholders
    return tuple(sorted(n for n in firsts if _usable(n))), tuple(sorted(n for n in lasts if _usable(n)))


def constructed_surnames(scb_first: dict[str, int]) -> set[str]:
    """Swedish-looking surnames: compound (Berg+ström) and patronymic (-sson) forms."""
    names = {head + tail for head in SURNAME_HEADS for tail in SURNAME_TAILS}
    common_male = [n for n, c in scb_first.items() if c > 3000 and n.isalpha()]
    names.update(n + "sson" if not n.endswith("s") else n + "son" for n in common_male)
    return {n[0].upper() + n[1:] for n in names}


def read_places(geo_dir: Path) -> set[str]:
    """Municipality short names, county names and postorter, as written in the sources."""
    places: set[str] = set()
    with open(geo_dir / "municipalities.csv", encoding="utf-8") as handle:
        places.update(row["municipality_name_short"] for row in csv.DictReader(handle))
    with open(geo_dir / "counties.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            places.update((row["county_name"], row["county_name_short"]))
    with open(geo_dir / "postal_to_municipality.csv", encoding="utf-8") as handle:
        places.update(row["locality"].title() for row in csv.DictReader(handle))
    return {p for p in places if p}


def all_surnames(names_dir: Path) -> set[str]:
    """Every surname the generator knows (Swedish and foreign), before the held-out split."""
    _, faker_last = faker_names()
    constructed = constructed_surnames(read_scb_first_names(names_dir))
    return set(faker_last) | set(FOREIGN_SURNAMES.split()) | constructed


def load_pools(data_dir: Path, heldout: bool) -> NamePools:
    """Pools for the training generator (``heldout=False``) or the held-out test set (``True``)."""
    scb = read_scb_first_names(data_dir / "names" / "scb-2020")
    faker_first, _ = faker_names()
    first_counts = dict(scb)
    for name in list(faker_first) + FOREIGN_FIRST.split():
        first_counts.setdefault(name, 200)
    keep = [n for n in first_counts if is_heldout(n) == heldout]
    weights = [float(first_counts[n]) for n in keep]
    surnames = sorted(n for n in all_surnames(data_dir / "names" / "scb-2020") if is_heldout(n) == heldout)
    places = sorted(read_places(data_dir / "geo"))
    return NamePools(first=keep, first_weights=weights, surnames=surnames, places=places,
                     organisations=_organisations(places))


def _organisations(places: list[str]) -> list[str]:
    rng = random.Random(11)
    bodies = ["kommun", "Socialnämnden i", "Barn- och utbildningsnämnden i", "Region", "Polisen i",
              "Tingsrätten i", "Miljö- och byggnämnden i", "Kommunstyrelsen i", "Räddningstjänsten i"]
    orgs = ["Försäkringskassan", "Skatteverket", "Migrationsverket", "Arbetsförmedlingen",
            "Kronofogden", "Socialstyrelsen", "Inspektionen för vård och omsorg", "Länsstyrelsen",
            "Trafikverket", "Polismyndigheten", "Justitieombudsmannen", "Kammarrätten i Göteborg",
            "Förvaltningsrätten i Malmö", "Vattenfall", "Systembolaget", "Svenska Bostäder", "Postnord"]
    for place in rng.sample(places, 150):
        body = rng.choice(bodies)
        orgs.append(f"{place} kommun" if body == "kommun" else f"{body} {place}")
    return orgs
