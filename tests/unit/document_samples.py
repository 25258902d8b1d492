"""Realistic document models for tests and sample renders (no content engine needed).

English: a chronic-migraine Botox case (31 sites, 155 U). French: a glabellar-lines case.
The wording here stands in for what ``core/assembly.py`` produces from the protocol content.
"""

from __future__ import annotations

import math
import struct
import zlib
from dataclasses import replace

from consult_app.core.report_model import (
    ClinicInfo,
    CommonLabels,
    Confirmation,
    DeferralLabels,
    DeferralModel,
    DoseLine,
    FindingEntry,
    FooterInfo,
    HandoutLabels,
    HandoutModel,
    IndicationEntry,
    LabeledValue,
    RecordLabels,
    RecordModel,
    RedFlagSection,
    ScreeningAnswer,
    SideEffect,
    Signature,
    TitledText,
)

HOSTILE_NAME = "Zoë O'Brien-Łukasiewicz <b> & Co"
SEAL = "9f2c4e7a1b3d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8"
PROTOCOL_HASH = "3b1f0c9d8e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c"

CLINIC = ClinicInfo(
    name="Harbourview Neurology & Aesthetics",
    address="1200 West Georgia Street, Suite 410\nVancouver, BC  V6E 4R2",
    phone="604-555-0142",
    email="care@harbourview.example",
)
CLINIC_FR = ClinicInfo(
    name="Clinique Saint-Laurent",
    address="455, boulevard René-Lévesque Ouest\nMontréal (Québec)  H2Z 1Z3",
    phone="514-555-0199",
    email="",  # empty values are simply not printed
)

COMMON_EN = CommonLabels(
    phone="Tel.",
    email="Email",
    produced="Produced",
    protocol="Protocol",
    page_of="Page {page} of {total}",
)
COMMON_FR = CommonLabels(
    phone="Tél.",
    email="Courriel",
    produced="Produit le",
    protocol="Protocole",
    page_of="Page {page} sur {total}",
)

HANDOUT_LABELS_EN = HandoutLabels(
    title="Your treatment information",
    subject="Botulinum toxin treatment: aftercare and warning signs",
    patient="Patient",
    birth_date="Date of birth",
    treatment_date="Treatment date",
    clinician="Clinician",
    done_heading="What was done today",
    product="Product",
    reasons="Reason for treatment",
    areas="Areas treated",
    lot="Lot number",
    expect_heading="What to expect",
    aftercare_heading="Aftercare",
    side_effects_heading="Side effects that can happen",
    side_effects_intro="From the most common to the rarest. "
    "Most are mild and go away by themselves.",
    counselling_heading="Points for you",
    off_label_heading="About this use",
    next_heading="Your next appointments",
    review_date="Review appointment",
    next_treatment="Earliest next treatment",
)
HANDOUT_LABELS_FR = HandoutLabels(
    title="Information sur votre traitement",
    subject="Traitement à la toxine botulique : soins après l'injection et signes d'alerte",
    patient="Patient(e)",
    birth_date="Date de naissance",
    treatment_date="Date du traitement",
    clinician="Clinicien(ne)",
    done_heading="Ce qui a été fait aujourd'hui",
    product="Produit",
    reasons="Raison du traitement",
    areas="Régions traitées",
    lot="Numéro de lot",
    expect_heading="À quoi vous attendre",
    aftercare_heading="Soins après l'injection",
    side_effects_heading="Effets secondaires possibles",
    side_effects_intro="Du plus fréquent au plus rare. "
    "La plupart sont légers et disparaissent seuls.",
    counselling_heading="Points qui vous concernent",
    off_label_heading="À propos de cette utilisation",
    next_heading="Vos prochains rendez-vous",
    review_date="Rendez-vous de suivi",
    next_treatment="Prochain traitement au plus tôt",
)

RED_FLAGS_EN = RedFlagSection(
    title="Get urgent help",
    intro="Rarely, the medicine can spread and weaken muscles away from the injection sites. "
    "Get help right away if you notice any of these:",
    symptoms=(
        "Trouble swallowing, or choking on food or drink",
        "Trouble breathing or shortness of breath",
        "Trouble speaking, or a hoarse or weak voice",
        "New muscle weakness anywhere in the body",
        "Double or blurred vision, or new drooping eyelids",
        "Loss of bladder control",
        "Signs of allergy: hives, rash, itching, swelling of the face, lips or throat, wheezing, "
        "feeling faint",
    ),
    actions=(
        "Call 911 (Canada and United States) or go to the nearest emergency department. "
        "Do not drive yourself.",
        "Then call the clinic at 604-555-0142 and tell us what happened.",
    ),
    timing="These signs can appear hours to weeks after the injection.",
)
RED_FLAGS_FR = RedFlagSection(
    title="Obtenez de l'aide d'urgence",
    intro="Rarement, le médicament peut se propager et affaiblir des muscles éloignés des points "
    "d'injection. Obtenez de l'aide immédiatement si vous remarquez l'un de ces signes :",
    symptoms=(
        "Difficulté à avaler, ou vous vous étouffez en mangeant ou en buvant",
        "Difficulté à respirer ou essoufflement",
        "Difficulté à parler, voix enrouée ou faible",
        "Nouvelle faiblesse musculaire, n'importe où dans le corps",
        "Vision double ou floue, ou paupières qui tombent (nouveau)",
        "Perte du contrôle de la vessie",
        "Signes d'allergie : urticaire, éruption, démangeaisons, enflure du visage, des lèvres ou "
        "de la gorge, sifflement, malaise",
    ),
    actions=(
        "Composez le 911 (Canada et États-Unis) ou rendez-vous à l'urgence la plus proche. "
        "Ne conduisez pas vous-même.",
        "Appelez ensuite la clinique au 514-555-0199 pour nous dire ce qui s'est passé.",
    ),
    timing="Ces signes peuvent apparaître de quelques heures à quelques semaines "
    "après l'injection.",
)


def migraine_handout(patient_name: str = "Margaret Chen") -> HandoutModel:
    """English sheet: chronic migraine, Botox 155 U in the 7 muscle groups (31 sites)."""
    return HandoutModel(
        lang="en",
        clinic=CLINIC,
        patient_name=patient_name,
        birth_date="1978-04-12",
        treatment_date="2025-03-14",
        clinician="Dr. Priya Raman, MD",
        product_brand="Botox",
        product_generic="onabotulinumtoxinA",
        reasons=("Chronic migraine: headaches on 15 or more days a month",),
        areas=(
            "Forehead",
            "Between the eyebrows",
            "Temples",
            "Back of the head",
            "Upper neck",
            "Shoulders (trapezius)",
        ),
        lot="C7345C3 (exp. 2026-01)",
        expectations=(
            TitledText(
                "When it starts working.",
                "Most people notice a first effect 2 to 3 days after the injections. For "
                "migraine, the benefit often builds over the first weeks.",
            ),
            TitledText(
                "Full effect.",
                "The full effect usually takes about 2 weeks; for the neck and shoulder muscles "
                "it can take 2 to 4 weeks.",
            ),
            TitledText(
                "How long it lasts.",
                "The effect usually lasts about 3 months, sometimes longer; for some people it "
                "wears off sooner.",
            ),
            TitledText(
                "Repeat treatments.",
                "Migraine treatment is repeated about every 12 weeks. Many people improve more "
                "after the second or third treatment, so we usually judge it after two or three "
                "sessions. Keep your headache diary.",
            ),
        ),
        aftercare=(
            "Do not rub or massage the treated areas for the rest of the day.",
            "Stay upright (do not lie flat) for about 4 hours.",
            "Avoid hard exercise, saunas and hot tubs until tomorrow.",
            "You can take acetaminophen (Tylenol) for soreness; you can shower and go back to "
            "work today.",
        ),
        side_effects=(
            SideEffect(
                "Soreness, redness or small bumps where the needle went in; "
                "settles in a day or two.",
                "Common",
                "Injection-site pain.",
            ),
            SideEffect("A small bruise; fades within 7 to 10 days.", "Common", "Bruising."),
            SideEffect("A headache in the first days, usually mild.", "Common", "Headache."),
            SideEffect(
                "Neck stiffness, pain or weakness, or a heavy head when holding it up.",
                "Common",
                "Neck pain or weakness.",
            ),
            SideEffect(
                "One or both upper eyelids or eyebrows may droop for a few weeks.",
                "Uncommon",
                "Drooping eyelid or eyebrow.",
            ),
            SideEffect(
                "Weakness, trouble swallowing or breathing away from the injection sites "
                "(see the box below).",
                "Rare",
                "Spread of the effect.",
            ),
            SideEffect("Rash, hives, swelling, wheezing.", "Rare", "Allergic reaction."),
        ),
        red_flags=RED_FLAGS_EN,
        counselling=(
            "You take a blood thinner (apixaban): bruising is more likely. Keep taking it "
            "as prescribed; press gently on a bruise with a cool pack.",
            "Keep counting your headache days in your diary and bring it to your review.",
        ),
        off_label=None,
        review_date="2025-04-11",
        next_treatment_date="2025-06-06",
        footer=FooterInfo(produced_date="2025-03-14", protocol_version="2025.1"),
        labels=HANDOUT_LABELS_EN,
        common=COMMON_EN,
        page_size="Letter",
    )


def glabellar_handout_fr(patient_name: str = "Élodie Bérubé-Lefèvre") -> HandoutModel:
    """French sheet: frown lines between the eyebrows, Botox Cosmetic 20 U."""
    return HandoutModel(
        lang="fr",
        clinic=CLINIC_FR,
        patient_name=patient_name,
        birth_date="1986-11-02",
        treatment_date="2025-03-14",
        clinician="Dre Camille Gagnon",
        product_brand="Botox Cosmetic",
        product_generic="onabotulinumtoxinA",
        reasons=("Rides du lion (rides entre les sourcils)",),
        areas=("Entre les sourcils (glabelle)",),
        lot="C8123C4 (exp. 2026-02)",
        expectations=(
            TitledText(
                "Quand l'effet commence.",
                "La plupart des gens remarquent un premier effet de 2 à 3 jours après les "
                "injections.",
            ),
            TitledText(
                "Effet complet.",
                "L'effet complet prend habituellement environ 2 semaines. C'est après ce délai "
                "que nous évaluons le résultat et la nécessité d'une retouche.",
            ),
            TitledText(
                "Durée de l'effet.",
                "L'effet dure habituellement de 3 à 4 mois, parfois jusqu'à environ 6 mois; "
                "chez certains, il est plus court.",
            ),
            TitledText(
                "Traitements répétés.",
                "Le traitement se répète quand l'effet s'estompe; avec des traitements "
                "réguliers, l'effet tend à se maintenir.",
            ),
        ),
        aftercare=(
            "Ne frottez pas et ne massez pas la région traitée le reste de la journée.",
            "Restez en position verticale (ne vous allongez pas) pendant environ 4 heures.",
            "Évitez le sport intense, le sauna et le spa jusqu'à demain.",
            "Vous pouvez vous maquiller doucement après quelques heures.",
        ),
        side_effects=(
            SideEffect(
                "Douleur, rougeur ou petites bosses aux points d'injection.",
                "Fréquent",
                "Douleur au point d'injection.",
            ),
            SideEffect("Un petit bleu qui disparaît en 7 à 10 jours.", "Fréquent", "Bleu."),
            SideEffect("Un mal de tête léger les premiers jours.", "Fréquent", "Mal de tête."),
            SideEffect(
                "Une paupière supérieure peut tomber pendant quelques semaines.",
                "Peu fréquent",
                "Paupière tombante.",
            ),
            SideEffect(
                "Faiblesse, difficulté à avaler ou à respirer loin des points d'injection "
                "(voir l'encadré).",
                "Rare",
                "Propagation de l'effet.",
            ),
            SideEffect("Éruption, urticaire, enflure, sifflement.", "Rare", "Réaction allergique."),
        ),
        red_flags=RED_FLAGS_FR,
        counselling=("Vous prenez de l'huile de poisson : les bleus sont plus probables.",),
        off_label=None,
        review_date="2025-03-28",
        next_treatment_date="2025-06-06",
        footer=FooterInfo(produced_date="2025-03-14", protocol_version="2025.1"),
        labels=HANDOUT_LABELS_FR,
        common=COMMON_FR,
        page_size="A4",
    )


def off_label_handout() -> HandoutModel:
    """The migraine sheet with an off-label statement (e.g. bruxism treated off-label)."""
    return replace(
        migraine_handout(),
        off_label="This use of the product is not on its approved label in Canada (off-label). "
        "We discussed the evidence and other options, and you agreed to go ahead.",
    )


def tiny_png() -> bytes:
    """A small valid PNG signature-like stroke (no external files)."""
    width, height = 120, 36
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            on = abs((y - 18) - int(12 * math.sin(x / 9))) < 2
            row += bytes([20, 30, 60, 255]) if on else bytes([0, 0, 0, 0])
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


RECORD_LABELS_EN = RecordLabels(
    title="Consultation record",
    subject="Botulinum toxin consultation: screening, consent and treatment",
    patient_heading="Patient",
    patient="Name",
    clinician="Clinician",
    timestamps_heading="Timeline",
    indications_heading="Indications",
    indication="Indication",
    diagnosis_basis="Diagnosis basis",
    label_status="Label status",
    product_heading="Product and dose",
    product="Product",
    lot="Lot",
    expiry="Expiry",
    dilution="Dilution",
    area="Area",
    sites="Sites",
    units="Units",
    volume="Volume",
    total="Total",
    screening_heading="Screening",
    question="Question",
    answer="Answer",
    findings_heading="Findings",
    level="Level",
    finding="Finding",
    reason="Clinician's reason",
    no_findings="No findings.",
    risks_heading="Risks discussed",
    patient_questions="Patient questions",
    consent_heading="Consent text (as shown to the patient)",
    confirmations_heading="Confirmations",
    confirmed="Confirmed",
    not_confirmed="Not confirmed",
    decision_heading="Decision",
    notes_heading="Clinical notes",
    signatures_heading="Signatures",
    signed_at="Signed",
    typed_signature="typed name",
    integrity_heading="Integrity",
    seal="Consent seal (SHA-256)",
    protocol_version="Protocol version",
    protocol_hash="Protocol hash (SHA-256)",
    audit_chain="Audit chain entry (number, SHA-256)",
)

RECORD_LABELS_FR = RecordLabels(
    title="Dossier de consultation",
    subject="Consultation pour toxine botulique : dépistage, consentement et traitement",
    patient_heading="Patient(e)",
    patient="Nom",
    clinician="Clinicien(ne)",
    timestamps_heading="Chronologie",
    indications_heading="Indications",
    indication="Indication",
    diagnosis_basis="Fondement du diagnostic",
    label_status="Statut d'homologation",
    product_heading="Produit et dose",
    product="Produit",
    lot="Lot",
    expiry="Expiration",
    dilution="Dilution",
    area="Région",
    sites="Points",
    units="Unités",
    volume="Volume",
    total="Total",
    screening_heading="Dépistage",
    question="Question",
    answer="Réponse",
    findings_heading="Constats",
    level="Niveau",
    finding="Constat",
    reason="Justification du clinicien",
    no_findings="Aucun constat.",
    risks_heading="Risques expliqués",
    patient_questions="Questions du patient",
    consent_heading="Texte du consentement (tel que présenté)",
    confirmations_heading="Confirmations",
    confirmed="Confirmé",
    not_confirmed="Non confirmé",
    decision_heading="Décision",
    notes_heading="Notes cliniques",
    signatures_heading="Signatures",
    signed_at="Signé le",
    typed_signature="nom dactylographié",
    integrity_heading="Intégrité",
    seal="Sceau du consentement (SHA-256)",
    protocol_version="Version du protocole",
    protocol_hash="Empreinte du protocole (SHA-256)",
    audit_chain="Entrée du journal d'audit (numéro, SHA-256)",
)

CONSENT_EN = (
    "Nature of the procedure: small injections of onabotulinumtoxinA (Botox) into 31 sites of the "
    "forehead, temples, back of the head, neck and shoulders, about every 12 weeks.\n\n"
    "Benefits and duration: fewer headache days for many people with chronic migraine; the effect "
    "lasts about 3 months and often builds over 2 to 3 treatments.\n\n"
    "Risks: pain, bruising or swelling at the sites; headache; neck pain or weakness; drooping "
    "eyelid or eyebrow; rarely, spread of the effect causing weakness or trouble swallowing or "
    "breathing, which can be serious; allergic reaction.\n\n"
    "Alternatives: preventive medicines, CGRP treatments, lifestyle measures, or no treatment.\n\n"
    "Cost: I understand the cost not covered by my insurance is my responsibility.\n\n"
    "Right to withdraw: I may refuse or stop this treatment at any time."
)


def migraine_record(notes: str = "") -> RecordModel:
    """English record for the migraine case."""
    doses = (
        DoseLine("Frontalis (forehead)", "4", "20 U", "0.40 mL"),
        DoseLine("Corrugator (between the eyebrows)", "2", "10 U", "0.20 mL"),
        DoseLine("Procerus", "1", "5 U", "0.10 mL"),
        DoseLine("Occipitalis (back of the head)", "6", "30 U", "0.60 mL"),
        DoseLine("Temporalis (temples)", "8", "40 U", "0.80 mL"),
        DoseLine("Trapezius (shoulders)", "6", "30 U", "0.60 mL"),
        DoseLine("Cervical paraspinal (upper neck)", "4", "20 U", "0.40 mL"),
    )
    return RecordModel(
        lang="en",
        clinic=CLINIC,
        patient_name="Margaret Chen",
        patient_identifiers=(
            LabeledValue("Date of birth", "1978-04-12"),
            LabeledValue("Chart number", "C-1042"),
            LabeledValue("Sex", "Female"),
            LabeledValue("Handout language", "English"),
        ),
        clinician="Dr. Priya Raman, MD",
        timestamps=(
            LabeledValue("Consultation started", "2025-03-14 09:02"),
            LabeledValue("Screening completed", "2025-03-14 09:09"),
            LabeledValue("Consent signed", "2025-03-14 09:16"),
            LabeledValue("Record produced", "2025-03-14 09:41"),
        ),
        indications=(
            IndicationEntry(
                "Chronic migraine",
                "Examined by Dr. P. Raman (neurology), 2024-11-20; ICHD-3 chronic migraine; "
                "22 headache days/month, HIT-6 66",
                "On label (Health Canada)",
            ),
        ),
        product="Botox (onabotulinumtoxinA)",
        lot="C7345C3",
        expiry="2026-01-31",
        dilution="100 U in 2.0 mL (5 U per 0.1 mL)",
        doses=doses,
        total_units="155 U",
        total_volume="3.10 mL",
        screening=(
            ScreeningAnswer("Are you pregnant, or planning a pregnancy, or breastfeeding?", "No"),
            ScreeningAnswer("Do you have myasthenia gravis, Lambert-Eaton syndrome or ALS?", "No"),
            ScreeningAnswer("Have you ever had an allergic reaction to a botulinum toxin?", "No"),
            ScreeningAnswer("Do you have trouble swallowing or breathing?", "No"),
            ScreeningAnswer("Is there an infection where the injections will go?", "No"),
            ScreeningAnswer("Do you take blood thinners (anticoagulants, antiplatelets)?", "Yes"),
            ScreeningAnswer(
                "Have you received aminoglycoside antibiotics in the last 4 weeks?", "No"
            ),
            ScreeningAnswer(
                "Botulinum toxin treatment in the last 12 weeks?", "No (last 2024-12-05)"
            ),
        ),
        findings=(
            FindingEntry(
                "note",
                "NOTE",
                "Takes an anticoagulant (apixaban): higher risk of bruising.",
                "Counselled; continue apixaban; pressure after each site.",
            ),
            FindingEntry(
                "caution",
                "CAUTION",
                "Neck weakness reported after the previous session.",
                "Mild and resolved in 3 weeks; same dose kept, avoiding the lowest trapezius "
                "sites; patient agrees.",
            ),
        ),
        risks_discussed=(
            "Pain, bruising or swelling at the injection sites",
            "Headache after treatment",
            "Neck pain or weakness",
            "Drooping eyelid or eyebrow",
            "Distant spread of toxin effect (boxed warning)",
            "Allergic reaction",
        ),
        patient_questions="Asked whether she can fly next week: yes.",
        consent_text=CONSENT_EN,
        confirmations=(
            Confirmation("I have read or been read the information above.", True),
            Confirmation("My questions were answered.", True),
            Confirmation("I received the patient information sheet.", True),
            Confirmation("I agree to be contacted by email for my results.", False),
        ),
        decision="Treated as planned: 155 U in 31 sites.",
        notes=notes,
        signatures=(
            Signature("Margaret Chen", "Patient", "2025-03-14 09:16", png=tiny_png()),
            Signature(
                "Dr. Priya Raman, MD", "Clinician", "2025-03-14 09:16", typed_name="Priya Raman"
            ),
        ),
        seal_sha256=SEAL,
        protocol_version="2025.1",
        protocol_hash=PROTOCOL_HASH,
        footer=FooterInfo(produced_date="2025-03-14", protocol_version="2025.1"),
        labels=RECORD_LABELS_EN,
        common=COMMON_EN,
        page_size="Letter",
    )


def glabellar_record_fr() -> RecordModel:
    """French record for the glabellar case."""
    return RecordModel(
        lang="fr",
        clinic=CLINIC_FR,
        patient_name="Élodie Bérubé-Lefèvre",
        patient_identifiers=(
            LabeledValue("Date de naissance", "1986-11-02"),
            LabeledValue("Numéro de dossier", "SL-2231"),
        ),
        clinician="Dre Camille Gagnon",
        timestamps=(
            LabeledValue("Début de la consultation", "2025-03-14 14:00"),
            LabeledValue("Consentement signé", "2025-03-14 14:12"),
        ),
        indications=(
            IndicationEntry(
                "Rides glabellaires modérées à sévères",
                "Examen par la Dre C. Gagnon, 2025-03-14",
                "Homologué (Santé Canada)",
            ),
        ),
        product="Botox Cosmetic (onabotulinumtoxinA)",
        lot="C8123C4",
        expiry="2026-02-28",
        dilution="100 U dans 2,5 mL (4 U par 0,1 mL)",
        doses=(DoseLine("Glabelle (procérus et corrugateurs)", "5", "20 U", "0,50 mL"),),
        total_units="20 U",
        total_volume="0,50 mL",
        screening=(
            ScreeningAnswer("Êtes-vous enceinte ou allaitez-vous?", "Non"),
            ScreeningAnswer("Avez-vous une maladie neuromusculaire?", "Non"),
        ),
        findings=(),
        risks_discussed=("Paupière tombante", "Bleu", "Propagation de l'effet (mise en garde)"),
        patient_questions="",
        consent_text="Nature de l'intervention : injections dans la région entre les sourcils.",
        confirmations=(Confirmation("J'ai reçu la feuille d'information.", True),),
        decision="Traitement effectué comme prévu.",
        notes="",
        signatures=(
            Signature("Élodie Bérubé-Lefèvre", "Patiente", "2025-03-14 14:12", png=tiny_png()),
        ),
        seal_sha256=SEAL,
        protocol_version="2025.1",
        protocol_hash=PROTOCOL_HASH,
        footer=FooterInfo(produced_date="2025-03-14", protocol_version="2025.1"),
        labels=RECORD_LABELS_FR,
        common=COMMON_FR,
        page_size="A4",
    )


DEFERRAL_LABELS_EN = DeferralLabels(
    title="About your treatment today",
    subject="Treatment not given today",
    greeting="Dear {name},",
    intro="Thank you for coming in today. After going through your health questions together, "
    "we decided not to give the botulinum toxin treatment today. This is to keep you safe; it "
    "does not mean you can never be treated.",
    reasons_heading="Why we did not treat you today",
    next_heading="What to do next",
    closing="With kind regards,",
)
DEFERRAL_LABELS_FR = DeferralLabels(
    title="À propos de votre traitement d'aujourd'hui",
    subject="Traitement non administré aujourd'hui",
    greeting="Bonjour {name},",
    intro="Merci d'être venu(e) aujourd'hui. Après avoir revu ensemble vos questions de santé, "
    "nous avons décidé de ne pas faire le traitement à la toxine botulique aujourd'hui. C'est "
    "pour votre sécurité; cela ne veut pas dire que vous ne pourrez jamais être traité(e).",
    reasons_heading="Pourquoi nous ne vous avons pas traité(e) aujourd'hui",
    next_heading="Et maintenant?",
    closing="Cordialement,",
)


def deferral_en(patient_name: str = "Margaret Chen") -> DeferralModel:
    """English deferral letter: pregnancy."""
    return DeferralModel(
        lang="en",
        clinic=CLINIC,
        patient_name=patient_name,
        date="2025-03-14",
        reasons=(
            "You told us you are pregnant. Botulinum toxin is not given during pregnancy because "
            "its safety for the baby is not known.",
        ),
        next_steps=(
            "Talk to your family doctor or obstetrician about safe ways to manage your migraines "
            "during pregnancy.",
            "Call us to book a new consultation when you are no longer pregnant or breastfeeding.",
            "If you have questions, call the clinic at 604-555-0142.",
        ),
        clinician="Dr. Priya Raman, MD",
        clinician_role="Neurologist",
        footer=FooterInfo(produced_date="2025-03-14", protocol_version="2025.1"),
        labels=DEFERRAL_LABELS_EN,
        common=COMMON_EN,
        page_size="Letter",
    )


def deferral_fr() -> DeferralModel:
    """French deferral letter: infection at the injection site."""
    return DeferralModel(
        lang="fr",
        clinic=CLINIC_FR,
        patient_name="Élodie Bérubé-Lefèvre",
        date="2025-03-14",
        reasons=(
            "Il y a une infection de la peau là où les injections devaient être faites. "
            "Il faut attendre qu'elle soit guérie.",
        ),
        next_steps=(
            "Consultez votre médecin de famille si la rougeur augmente ou si vous faites de la "
            "fièvre.",
            "Appelez-nous pour un nouveau rendez-vous quand la peau sera guérie.",
        ),
        clinician="Dre Camille Gagnon",
        clinician_role="Médecin",
        footer=FooterInfo(produced_date="2025-03-14", protocol_version="2025.1"),
        labels=DEFERRAL_LABELS_FR,
        common=COMMON_FR,
        page_size="A4",
    )
