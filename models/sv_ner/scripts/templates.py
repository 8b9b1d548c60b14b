# ruff: noqa: E501  (template strings are data; long lines keep them readable)
"""Document templates for the synthetic corpus, in the genres Skymma redacts.

Slots: {P} full name, {PF} first name, {PL} surname, {PG} genitive of a full name, {PFG}/{PLG}
genitive first name/surname, {PC} "Surname, First", {PI} initial + surname, {PLIST} 2-4 names,
{L} place, {O} organisation, and unlabelled fillers {DATE} {DNR} {PNR} {TEL} {EMAIL} {ADDR} {AMOUNT}
{ROLE} {PARTY}. Block slots {ATTENDANCE} {SIGNATURE} {TABLE} expand to several lines.

TRAIN and HELDOUT are disjoint: the held-out synthetic test set is rendered only from HELDOUT.
"""

TRAIN = {
    "decision": [
        'Beslut om bistånd\n{P} har ansökt om ekonomiskt bistånd för {DATE}. {PF} bor tillsammans med sambon {P} och barnen {PF} och {PF}. {PLG} inkomster överstiger riksnormen.',
        'Sökande: {PC}\nPersonnummer: {PNR}\nAdress: {ADDR}, {POSTCODE} {L}\nHandläggare: {PI}',
        '{PF} {PL} har genom ombud, advokat {P}, överklagat beslutet. Ombudet anför att {PFG} hälsa har försämrats.',
        'Nämnden delegerar till {ROLE} {P} att fatta beslut i ärendet. {PL} ska rapportera till nämnden.',
        'BESLUT\nMottagare: {P}\nÄrende: Ansökan om parkeringstillstånd\n{O} beviljar ansökan. Beslutet gäller till {DATE}.',
        "BESLUT\n{DATE}\nDnr {DNR}\n\n{O} har prövat ansökan från {P}, {PNR}, om ekonomiskt bistånd.\n"
        "Beslut\n{O} avslår ansökan. {PFG} begäran om bistånd till hyra för {DATE} bifalls inte.\n"
        "Handläggare: {P}, {ROLE}\nTelefon {TEL}",
        "{O} beslutar att bevilja {P} bostadsanpassningsbidrag med {AMOUNT} kronor för åtgärder i "
        "bostaden på {ADDR} i {L}.",
        "Ärendet gäller {PG} ansökan om bygglov för fastigheten {L} 4:12. Sökanden, {P}, har inkommit "
        "med kompletteringar den {DATE}.",
        "Förvaltningsrätten avslår överklagandet. {PL} har inte visat att beslutet är felaktigt.",
        "{O} har den {DATE} beslutat att inleda utredning enligt 11 kap. 1 § SoL avseende {P}. "
        "Beslutet har fattats av {P} med stöd av delegation.",
        "Klaganden {P} yrkar att kammarrätten ska upphäva beslutet från {O}. {PF} anför att hen inte fått "
        "tillfälle att yttra sig.",
        "Beslutet har fattats av enhetschef {P}. Föredragande har varit {P}.",
    ],
    "minutes": [
        'Närvarande: {P}, {P} och {P}\nFrånvarande: {P}\nProtokollförare: {P}',
        '{PF} {PL} ({PARTY}) ersätter {P} ({PARTY}) §§ {NUM}-{NUM}',
        'Sedan överläggningen förklarats avslutad ställer ordföranden {P} ({PARTY}) proposition på {PLG} och {PLG} yrkanden.',
        'Kommunstyrelsen väljer {P} ({PARTY}) till ledamot i {O} efter {P}, som avsagt sig uppdraget.',
        'Ledamöter\n{PC} ({PARTY})\n{PC} ({PARTY})\n{PC} ({PARTY})\nErsättare\n{PC} ({PARTY})',
        'Jäv\n{P} ({PARTY}) deltar inte i ärendets handläggning på grund av jäv.',
        '{PL} yrkar bifall. {PL} yrkar avslag. Ordföranden finner att {PFG} yrkande vinner bifall.',
        "{ATTENDANCE}\n\nUtses att justera: {P} och {P}\nSekreterare: {P}\nOrdförande: {P}",
        "§ {NUM} Dnr {DNR}\nVal av ersättare\n{P} ({PARTY}) föreslår att {P} väljs till ersättare efter "
        "{P} ({PARTY}). Ordföranden ställer proposition och finner att fullmäktige bifaller förslaget.",
        "Yrkanden\n{P} ({PARTY}), {P} ({PARTY}) och {P} ({PARTY}) yrkar bifall till kommunstyrelsens "
        "förslag.\n{P} ({PARTY}) yrkar avslag.",
        "Reservation\n{PLIST} reserverar sig mot beslutet till förmån för eget yrkande.",
        "Justerandes signatur: {PI}\nUtdragsbestyrkande: {PI}",
        "Ordförande {PL} förklarar sammanträdet öppnat. {PF} {PL} hälsar de närvarande välkomna.",
        "Interpellation från {P} ({PARTY}) till kommunstyrelsens ordförande {P} ({PARTY}) om "
        "skolskjutsar i {L} besvaras.",
        "Beslutande: {P} (ordförande), {P}, {P}, {P}\nÖvriga: {P}, sekreterare",
    ],
    "letter": [
        '{SIGNATURE}\n\nKopia till: {P}, {O}',
        'Hej {PF}!\nTack för samtalet i går. Som vi sa skickar jag blanketten. Ring mig om något är oklart.\nMed vänliga hälsningar\n\n{P}\n{ROLE}',
        'Till vårdnadshavarna {P} och {P}\n\nAngående {PFG} skolgång\n\nSkolan har uppmärksammat frånvaro. Mentor {P} kontaktar er.',
        'Mvh\n{PF}\n\n{P} | {ROLE} | {O}\nTel {TEL}',
        'Ombud för {PL}: {P}, {O}, {ADDR}, {L}.',
        "{P}\n{ADDR}\n{POSTCODE} {L}\n\nHej {PF}!\n\nTack för ditt brev den {DATE}. Vi har tagit del av "
        "dina synpunkter och återkommer efter sammanträdet.\n\nMed vänlig hälsning\n{SIGNATURE}",
        "Till {P}\n\nAngående din ansökan om färdtjänst\n\nDin ansökan har kommit in till {O}. "
        "Handläggare är {P}, som nås på {TEL}.\n\nVänliga hälsningar\n{SIGNATURE}",
        "Kallelse till möte\n\nBästa {P},\nDu kallas härmed till samordnat planeringsmöte den {DATE} i {L}. "
        "Vid mötet deltar även {P} från {O}.",
        "Underrättelse\nGrannen {P}, {ADDR}, har inte haft några invändningar mot åtgärden.",
    ],
    "email": [
        'Hej {PF}, {PF} och {PF}!\nPåminnelse om mötet i morgon. {PL} kan tyvärr inte komma.\nHälsningar {P}',
        'Från: {P}\nDatum: {DATE}\nTill: {P}\nKopia: {P}\nÄmne: VB: ansökan\n\nSe nedan. /{PF}',
        '{PF} skrev: Jag har pratat med {P} på {O}, men hon visste inget om {PLG} ärende.',
        'Hej! Vidarebefordrar mejlet från {P}. {PF} undrar om {PL} har fått beskedet.\nMvh\n{PF} {PL}',
        'Tack för info!\n//{PF}\n\nSkickat från min iPhone',
        "Från: {P} <{EMAIL}>\nTill: {P} <{EMAIL}>\nÄmne: Möte om {PG} ärende\n\nHej {PF},\n"
        "kan vi ses på torsdag? {PF} har lovat att skicka underlaget.\n\n/{PF}",
        "Hej!\nJag har pratat med {PF} på {O} och hon kommer att ringa {PL} i morgon.\n"
        "Hälsningar\n{PF} {PL}\n{ROLE}\n{O}\nTel: {TEL}",
        "Skickat: {DATE}\nFrån: {P}\nKopia: {P}; {P}\n\nHej alla, {PF} är sjuk i dag så mötet flyttas.",
        "Tack {PF}! Jag vidarebefordrar till {P} som har hand om frågan.\n\nMVH {PF}",
        "hej {PF}\njag ringde {PL} men fick inget svar, kan du prova igen? //{PF}",
    ],
    "case_note": [
        '{DATE} Telefonsamtal\n{PF} ringer och berättar att {PL} har flyttat. {PF} har inte träffat barnen sedan {DATE}.',
        'Närvarande vid mötet: {P} (mamma), {P} (pappa), {P} (skola), {P} (socialtjänst).',
        'Enligt {PFG} mormor {P} mår barnen bra. {PF} går i skolan i {L}.',
        'Utredare {P} har träffat {PF} enskilt. {PF} säger att {PF} och {PF} bråkar ofta hemma.',
        '{PLG} son {PF} har enligt {P}, BVC-sjuksköterska, missat två besök.',
        'Kontakt med {P}, god man för {P}. {PL} bekräftar att {PF} fått sina pengar.',
        "{DATE} Journalanteckning\nHembesök hos {P}. Närvarande: {PF}, sonen {PF} och socialsekreterare "
        "{P}. {PF} berättar att {PLG} hyresvärd har hotat med uppsägning.",
        "Telefonsamtal med {PFG} mamma {P} som uppger att familjen flyttat till {L}.",
        "{PF} har varit i kontakt med skolkuratorn {P}. Enligt {PL} har närvaron förbättrats.",
        "Samtal med {P} ({PNR}). {PF} önskar att kontakten sker via dottern {PF}.",
        "Anteckning: {PI} meddelar att {P} inte kommer till mötet.",
        "Orosanmälan inkom {DATE} från {O} gällande {P}. Anmälare: {P}, lärare.",
    ],
    "table": [
        'Nr  Namn                      Parti   Röst\n{TABLE}',
        'Efternamn, förnamn;Personnummer;Ort\n{TABLE}',
        "Namn\tPersonnummer\tOrt\n{TABLE}",
        "Deltagare:\n{TABLE}",
        "Sökande                 Belopp      Beslut\n{TABLE}",
    ],
    "layout": [
        "Beslutet expedieras till:\n{RECIPIENTS}\nJusterandes signatur          Utdragsbestyrkande",
        "{O}                                  PROTOKOLL\n                                     Sida {NUM} av {NUM}\n\n"
        "Ärendebeskrivning\n{O} har inkommit med en begäran. Ärendet har beretts av {P}.\n\nBeslutsunderlag\n"
        "    - Tjänsteskrivelse {DATE} från {O}\n    - Protokollsutdrag {DATE}\n\nBeslut:\n    - Nämnden beslutar enligt förslaget.",
        "Fusion mellan {COMPANY} och {COMPANY}\n\nStyrelserna i {COMPANY} har beslutat om fusion. "
        "Beslutet expedieras till:\n{RECIPIENTS}",
        "Kommunfullmäktiges handläggning\nVid sammanträdet yttrar sig {P} ({PARTY}).\n\nPropositionsordning\n"
        "Ordföranden finner att fullmäktige bifallit {PGLIST} yrkande.",
        "Votering\nJa: {NUM}, Nej: {NUM}, Avstår: {NUM}\n\nReservation\n{PLIST} reserverar sig skriftligt.\n\nJäv\n"
        "{P} deltar inte i handläggningen.",
        "Ombud för {COMPANY}: {P}\nAvtalet med {COMPANY} förlängs. Beslutet expedieras till:\n{RECIPIENTS}",
        "{PGLIST} förslag bifalls. {PLG} och {PLG} tilläggsyrkanden avslås.",
    ],
    "news": [
        '{P}, {NUM}, från {L} har utsetts till ny chef för {O}.',
        '– Vi är mycket nöjda, säger {P}, ordförande i {O}.',
        'I går möttes {PL} och {PL} i {L} för att diskutera frågan.',
        '{PF} {PL} tackade {PF} för ett gott samarbete.',
        "{P} tar över som vd för {O} efter {P}, som går i pension.",
        "Enligt {P} på {O} i {L} har antalet ansökningar ökat.",
        "Mötet i {L} leddes av {P} och {P}.",
        "{PL} säger att {O} inte kommer att kommentera uppgifterna.",
    ],
}

HELDOUT = {
    "decision": [
        "Meddelande om beslut\n{O} har den {DATE} beslutat om insatsen kontaktperson för {P}. "
        "Beslutet är fattat av {P}, biståndshandläggare.",
        "Den enskilde, {P}, har beviljats förlängd insats. {PFG} behov har bedömts av {P}.",
        "Överklagandet från {P} avvisas eftersom det kommit in för sent. {PL} underrättas om beslutet.",
    ],
    "minutes": [
        "Närvarande ledamöter\n{ATTENDANCE}\n\nJusterare: {P}\nProtokollförare: {P}",
        "{P} ({PARTY}) anmäler jäv och deltar inte i handläggningen. {PL} ersätts av {P} ({PARTY}).",
        "Mötets ordförande {P} konstaterar att {PLIST} har anmält förhinder.",
    ],
    "letter": [
        "Hej {PF},\nvi bekräftar att vi tagit emot din anmälan. Har du frågor kan du kontakta {P} "
        "på {TEL}.\nHälsningar\n{SIGNATURE}",
        "Till vårdnadshavare för {P}\nVi vill informera om att {PF} har beviljats plats på förskolan i {L}.",
    ],
    "email": [
        "Från: {P}\nSkickat: {DATE}\nTill: {P}\nÄmne: Sv: {PG} överklagan\n\nHej! Jag återkommer när "
        "jag talat med {PF}. /{PF}",
        "Hej {PF} och {PF}! Påminner om att {PL} vill ha svar före fredag. Hälsningar {P}",
    ],
    "case_note": [
        "Uppföljningssamtal {DATE}. {P} deltog tillsammans med kontaktpersonen {P}. "
        "{PF} upplever att situationen har blivit bättre.",
        "Enligt {PFG} lärare {P} har {PF} svårt att komma i tid.",
    ],
    "table": ["Förteckning över sökande\n{TABLE}"],
    "news": ["Kommunalrådet {P} besökte {L} tillsammans med {P} från {O}."],
    "layout": [
        "Skickas till:\n{RECIPIENTS}\n{P}, {ROLE}\nAvtalspart: {COMPANY}",
        "Utskott\nSekreterare: {P}\n\nBeslutsgång\nOrdföranden ställer {PGLIST} förslag mot varandra.",
    ],
}
