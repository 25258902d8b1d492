<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_CA" sourcelanguage="en">
  <context>
    <name>AdministrationDialog</name>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="126" />
      <source>&amp;Given as planned (Ctrl+Enter)</source>
      <translation>&amp;Administré comme prévu (Ctrl+Entrée)</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="128" />
      <source>&amp;Not given</source>
      <translation>&amp;Non administré</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="127" />
      <source>&amp;Seal what was given</source>
      <translation>&amp;Sceller ce qui a été administré</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="102" />
      <source>Area</source>
      <translation>Région</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="129" />
      <source>Cancel</source>
      <translation>Annuler</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="132" />
      <source>Injected by</source>
      <translation>Injecté par</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="191" />
      <source>More is given than the consented plan (%1 U &gt; %2 U): say why in the notes.</source>
      <translation>La dose administrée dépasse le plan consenti (%1 U &gt; %2 U) : indiquez pourquoi dans les notes.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="119" />
      <source>Notes: immediate reactions, and why when more was given than planned</source>
      <translation>Notes : réactions immédiates, et pourquoi si la dose dépasse le plan</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="226" />
      <source>Scan or type the vial's lot.</source>
      <translation>Scannez ou tapez le lot de la fiole.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="102" />
      <source>Side</source>
      <translation>Côté</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="224" />
      <source>This vial has expired: it cannot be used.</source>
      <translation>Cette fiole est expirée : elle ne peut pas être utilisée.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="180" />
      <source>Type why nothing was given.</source>
      <translation>Indiquez pourquoi rien n'a été administré.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="102" />
      <source>Units given</source>
      <translation>Unités administrées</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="113" />
      <source>Units given at point %1</source>
      <translation>Unités administrées au point %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="134" />
      <source>Vial expiry</source>
      <translation>Expiration de la fiole</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="133" />
      <source>Vial lot</source>
      <translation>Lot de la fiole</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="96" />
      <source>What was given</source>
      <translation>Ce qui a été administré</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="122" />
      <source>Why nothing was given (needed for Not given)</source>
      <translation>Pourquoi rien n'a été administré (requis pour « Non administré »)</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="100" />
      <source>YYYY-MM-DD</source>
      <translation>AAAA-MM-JJ</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="218" />
      <source>left</source>
      <translation>gauche</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="218" />
      <source>midline</source>
      <translation>ligne médiane</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="218" />
      <source>right</source>
      <translation>droite</translation>
    </message>
  </context>
  <context>
    <name>ConsentStep</name>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="283" />
      <source>&amp;Decline…</source>
      <translation>&amp;Refuser…</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="269" />
      <source>&amp;Relationship:</source>
      <translation>Lie&amp;n :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="262" />
      <source>&amp;Witness present:</source>
      <translation>&amp;Témoin présent :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="255" />
      <source>A substitute decision-maker signs</source>
      <translation>Un mandataire signe</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="338" />
      <source>Alternatives, including no treatment</source>
      <translation>Autres options, y compris aucun traitement</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="270" />
      <source>C&amp;linician:</source>
      <translation>C&amp;linicien(ne) :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="285" />
      <source>C&amp;orrect…</source>
      <translation>C&amp;orriger…</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="705" />
      <source>Choose or enter the clinician to record the refusal.</source>
      <translation>Choisissez ou inscrivez le clinicien ou la clinicienne pour consigner le refus.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="587" />
      <source>Choose or enter the clinician.</source>
      <translation>Choisissez ou inscrivez le clinicien ou la clinicienne.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="91" />
      <source>Clear</source>
      <translation>Effacer</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="92" />
      <source>Clear the signature of %1</source>
      <translation>Effacer la signature de %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="261" />
      <source>Clinician</source>
      <translation>Clinicien(ne)</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="325" />
      <source>Complete the earlier steps first.</source>
      <translation>Terminez d'abord les étapes précédentes.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="250" />
      <source>Consent</source>
      <translation>Consentement</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="287" />
      <source>Consent message</source>
      <translation>Message du consentement</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="251" />
      <source>Consent text</source>
      <translation>Texte du consentement</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="730" />
      <source>Correct the consent</source>
      <translation>Corriger le consentement</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="286" />
      <source>Correct the sealed consent</source>
      <translation>Corriger le consentement scellé</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="742" />
      <source>Correction: sign again to seal the corrected consent.</source>
      <translation>Correction : signez de nouveau pour sceller le consentement corrigé.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="441" />
      <source>Enter or scan the lot number (step 3) before sealing.</source>
      <translation>Inscrivez ou scannez le numéro de lot (étape 3) avant de sceller.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="573" />
      <source>Enter the substitute decision-maker's name and relationship.</source>
      <translation>Inscrivez le nom du mandataire et son lien avec le patient.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="621" />
      <source>Enter the witness's name, or untick the witness.</source>
      <translation>Inscrivez le nom du témoin, ou décochez « Témoin présent ».</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="334" />
      <source>Off-label use</source>
      <translation>Usage hors indication</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="277" />
      <source>Patient (or substitute decision-maker)</source>
      <translation>Patient(e) (ou mandataire)</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="710" />
      <source>Patient declines</source>
      <translation>Le patient refuse</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="284" />
      <source>Record that the patient declines</source>
      <translation>Consigner le refus du patient</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="711" />
      <source>Record that the patient declines the treatment? This is sealed and final.</source>
      <translation>Consigner que le patient refuse le traitement ? Le refus est scellé et définitif.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="489" />
      <source>SHA-256: %1</source>
      <translation>SHA-256 : %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="288" />
      <source>Seal</source>
      <translation>Sceller</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="486" />
      <source>Sealed. This consent can no longer be changed.</source>
      <translation>Scellé. Ce consentement ne peut plus être modifié.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="267" />
      <source>Si&amp;gner:</source>
      <translation>Si&amp;gnataire :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="281" />
      <source>Sign and &amp;seal</source>
      <translation>Signer et &amp;sceller</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="282" />
      <source>Sign and seal the consent</source>
      <translation>Signer et sceller le consentement</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="444" />
      <source>Sign and seal the consent, or record that the patient declines.</source>
      <translation>Signez et scellez le consentement, ou consignez le refus du patient.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="90" />
      <source>Signature of %1</source>
      <translation>Signature de %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="253" />
      <source>Signatures</source>
      <translation>Signatures</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="731" />
      <source>Start a new consent that corrects the sealed one? The sealed consent is kept and linked to the new one.</source>
      <translation>Commencer un nouveau consentement qui corrige le consentement scellé ? Celui-ci est conservé et lié au nouveau.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="257" />
      <source>Substitute decision-maker's name</source>
      <translation>Nom du mandataire</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="259" />
      <source>Substitute decision-maker's relationship to the patient</source>
      <translation>Lien du mandataire avec le patient</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="268" />
      <source>Substitute's na&amp;me:</source>
      <translation>No&amp;m du mandataire :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="591" />
      <source>The clinician's signature is empty.</source>
      <translation>La signature du clinicien ou de la clinicienne est vide.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="651" />
      <source>The consent was not sealed: %1</source>
      <translation>Le consentement n'a pas été scellé : %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="252" />
      <source>The patient confirms</source>
      <translation>Le patient confirme</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="254" />
      <source>The patient signs</source>
      <translation>Le patient signe</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="581" />
      <source>The patient's signature is empty.</source>
      <translation>La signature du patient est vide.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="484" />
      <source>The refusal is recorded and sealed. It can no longer be changed.</source>
      <translation>Le refus est consigné et scellé. Il ne peut plus être modifié.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="579" />
      <source>The substitute decision-maker's signature is empty.</source>
      <translation>La signature du mandataire est vide.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="625" />
      <source>The witness's signature is empty.</source>
      <translation>La signature du témoin est vide.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="67" />
      <source>Therapeutic use: record the diagnosis and who examined (step 2) before sealing.</source>
      <translation>Usage thérapeutique : consignez le diagnostic et qui a examiné le patient (étape 2) avant de sceller.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="561" />
      <source>Tick every confirmation with the patient first.</source>
      <translation>Cochez d'abord chaque confirmation avec le patient.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="256" />
      <source>Who signs for the patient</source>
      <translation>Qui signe pour le patient</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="280" />
      <source>Witness</source>
      <translation>Témoin</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="263" />
      <source>Witness present</source>
      <translation>Témoin présent</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="264" />
      <source>Witness's name</source>
      <translation>Nom du témoin</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="279" />
      <source>the clinician</source>
      <translation>le clinicien ou la clinicienne</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="277" />
      <source>the patient</source>
      <translation>le patient</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="280" />
      <source>the witness</source>
      <translation>le témoin</translation>
    </message>
  </context>
  <context>
    <name>ConsultationView</name>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="187" />
      <source>&amp;Next &gt;</source>
      <translation>Sui&amp;vant &gt;</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="183" />
      <source>&amp;Patient page</source>
      <translation>&amp;Fiche du patient</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="172" />
      <source>2. Indications and areas</source>
      <translation>2. Indications et régions</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="173" />
      <source>3. Product and plan</source>
      <translation>3. Produit et plan</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="174" />
      <source>4. Screening</source>
      <translation>4. Dépistage</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="175" />
      <source>5. Risks discussed</source>
      <translation>5. Risques expliqués</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="176" />
      <source>6. Consent</source>
      <translation>6. Consentement</translation>
    </message>
    <message>
      <source>7. Handout and finish</source>
      <translation type="vanished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="177" />
      <source>7. Patient sheet and finish</source>
      <translation>7. Feuille d'information et fin</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="185" />
      <source>&lt; &amp;Back</source>
      <translation>&lt; &amp;Précédent</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="184" />
      <source>Back to the patient page</source>
      <translation>Retour à la fiche du patient</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="441" />
      <source>Complete this step to go on.</source>
      <translation>Terminez cette étape pour continuer.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="182" />
      <source>Consultation steps</source>
      <translation>Étapes de la consultation</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="330" />
      <source>Deferral recorded</source>
      <translation>Report consigné</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="495" />
      <source>Deferral recorded %1</source>
      <translation>Report consigné à %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="369" />
      <source>NOT SAVED: %1</source>
      <translation>NON ENREGISTRÉ : %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="190" />
      <source>Next step</source>
      <translation>Étape suivante</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="188" />
      <source>Next step (Alt+Right)</source>
      <translation>Étape suivante (Alt+Droite)</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="266" />
      <source>Not saved: %1</source>
      <translation>Non enregistré : %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="189" />
      <source>Previous step</source>
      <translation>Étape précédente</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="186" />
      <source>Previous step (Alt+Left)</source>
      <translation>Étape précédente (Alt+Gauche)</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="329" />
      <source>Refusal sealed</source>
      <translation>Refus scellé</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="403" />
      <source>STOP</source>
      <translation>ARRÊT</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="373" />
      <source>Saved %1</source>
      <translation>Enregistré à %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="331" />
      <source>Sealed</source>
      <translation>Scellée</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="317" />
      <source>The deferral is recorded: this consultation is shown read-only and can no longer be changed. Start a new consultation when the patient can be treated.</source>
      <translation>Le report est consigné : cette consultation est affichée en lecture seule et ne peut plus être modifiée. Commencez une nouvelle consultation lorsque le patient pourra être traité.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="322" />
      <source>The patient's refusal is sealed: this consultation is shown read-only and can no longer be changed.</source>
      <translation>Le refus du patient est scellé : cette consultation est affichée en lecture seule et ne peut plus être modifiée.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="312" />
      <source>This consultation is sealed: it is shown read-only and can no longer be changed. A correction is a new consent: Correct… on step 6.</source>
      <translation>Cette consultation est scellée : elle est affichée en lecture seule et ne peut plus être modifiée. Pour corriger, faites un nouveau consentement : « Corriger… » à l'étape 6.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="401" />
      <source>done</source>
      <translation>terminée</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="402" />
      <source>needs attention</source>
      <translation>à vérifier</translation>
    </message>
  </context>
  <context>
    <name>EmailDialog</name>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="217" />
      <source>&amp;Close</source>
      <translation>&amp;Fermer</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="209" />
      <source>&amp;Protect the attachment with the date of birth (YYYYMMDD)</source>
      <translation>&amp;Protéger la pièce jointe par la date de naissance (AAAAMMJJ)</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="202" />
      <source>&amp;Recipient:</source>
      <translation>&amp;Destinataire :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="213" />
      <source>&amp;Send</source>
      <translation>&amp;Envoyer</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="90" />
      <source>A secure connection to the mail server failed; nothing was sent. ({detail})</source>
      <translation>La connexion sécurisée au serveur de courriel a échoué ; rien n'a été envoyé. ({detail})</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="218" />
      <source>Close</source>
      <translation>Fermer</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="216" />
      <source>Create an email draft in the mail program</source>
      <translation>Créer un brouillon dans le logiciel de courriel</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="215" />
      <source>Create email &amp;draft</source>
      <translation>Créer un &amp;brouillon</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="212" />
      <source>Email status</source>
      <translation>État de l'envoi</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="199" />
      <source>Email the patient sheet</source>
      <translation>Envoyer la feuille d'information par courriel</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="276" />
      <source>Mail server password</source>
      <translation>Mot de passe du serveur de courriel</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="277" />
      <source>Password for {user} on {host}:</source>
      <translation>Mot de passe de {user} sur {host} :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="210" />
      <source>Protect the attachment with the date of birth</source>
      <translation>Protéger la pièce jointe par la date de naissance</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="207" />
      <source>Recipient email address</source>
      <translation>Adresse courriel du destinataire</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="214" />
      <source>Send the email</source>
      <translation>Envoyer le courriel</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="211" />
      <source>Sending</source>
      <translation>Envoi</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="300" />
      <source>Sending…</source>
      <translation>Envoi en cours…</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="206" />
      <source>Subject:</source>
      <translation>Objet :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="342" />
      <source>The draft could not be written: {error}</source>
      <translation>Le brouillon n'a pas pu être écrit : {error}</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="347" />
      <source>The draft was opened in the mail program.</source>
      <translation>Le brouillon a été ouvert dans le logiciel de courriel.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="350" />
      <source>The draft was saved as {path}; open it with the mail program.</source>
      <translation>Le brouillon a été enregistré sous {path} ; ouvrez-le avec le logiciel de courriel.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="82" />
      <source>The email address is not valid. Check the recipient (and the clinic's sender address in the settings).</source>
      <translation>L'adresse courriel n'est pas valide. Vérifiez le destinataire (et l'adresse d'expéditeur de la clinique dans les paramètres).</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="291" />
      <source>The email could not be prepared: {error}</source>
      <translation>Le courriel n'a pas pu être préparé : {error}</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="81" />
      <source>The email settings are incomplete: {detail}</source>
      <translation>Les paramètres de courriel sont incomplets : {detail}</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="318" />
      <source>The email was sent.</source>
      <translation>Le courriel a été envoyé.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="86" />
      <source>The mail server could not be reached. Check the network and the server name and port in the settings. ({detail})</source>
      <translation>Le serveur de courriel est injoignable. Vérifiez le réseau, ainsi que le nom et le port du serveur dans les paramètres. ({detail})</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="102" />
      <source>The mail server did not accept the email. ({detail})</source>
      <translation>Le serveur de courriel n'a pas accepté le courriel. ({detail})</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="96" />
      <source>The mail server refused the clinic's sender address. Check it in the settings.</source>
      <translation>Le serveur de courriel a refusé l'adresse d'expéditeur de la clinique. Vérifiez-la dans les paramètres.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="99" />
      <source>The mail server refused the recipient's address. Check the address.</source>
      <translation>Le serveur de courriel a refusé l'adresse du destinataire. Vérifiez l'adresse.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="93" />
      <source>The mail server refused the user name or password. Check them in the settings.</source>
      <translation>Le serveur de courriel a refusé le nom d'utilisateur ou le mot de passe. Vérifiez-les dans les paramètres.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="208" />
      <source>patient@example.org</source>
      <translation>patient@exemple.ca</translation>
    </message>
  </context>
  <context>
    <name>FinishStep</name>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="285" />
      <source>%1 already exists. Replace it?</source>
      <translation>%1 existe déjà. Le remplacer ?</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="116" />
      <source>&amp;Email to the patient…</source>
      <translation>Envoyer par &amp;courriel…</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="337" />
      <source>An email draft was created: %1</source>
      <translation>Un brouillon de courriel a été créé : %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="108" />
      <source>Consultation record</source>
      <translation>Dossier de consultation</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="111" />
      <source>Consultation record preview</source>
      <translation>Aperçu du dossier de consultation</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="118" />
      <source>Delivery status</source>
      <translation>État de la remise</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="109" />
      <source>Documents</source>
      <translation>Documents</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="248" />
      <source>Done, but it could not be written to the audit log.</source>
      <translation>Fait, mais l'inscription au journal d'audit a échoué.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="117" />
      <source>Email the patient sheet</source>
      <translation>Envoyer la feuille d'information par courriel</translation>
    </message>
    <message>
      <source>Handout and finish</source>
      <translation type="vanished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="112" />
      <source>P&amp;rint…</source>
      <translation>Imp&amp;rimer…</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="107" />
      <source>Patient sheet</source>
      <translation>Feuille d'information</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="106" />
      <source>Patient sheet and finish</source>
      <translation>Feuille d'information et fin</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="110" />
      <source>Patient sheet preview</source>
      <translation>Aperçu de la feuille d'information</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="113" />
      <source>Print the document shown</source>
      <translation>Imprimer le document affiché</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="269" />
      <source>Printed (%1 pages).</source>
      <translation>Imprimé (%1 pages).</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="121" />
      <source>Record the points, units and vials actually given</source>
      <translation>Consigner les points, les unités et les fioles réellement administrés</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="119" />
      <source>Record what was &amp;given…</source>
      <translation>Consigner l'&amp;administration…</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="284" />
      <source>Replace the file?</source>
      <translation>Remplacer le fichier ?</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="208" />
      <source>Review: &lt;b&gt;%1&lt;/b&gt; &amp;nbsp;&amp;nbsp; Earliest re-treatment: &lt;b&gt;%2&lt;/b&gt;</source>
      <translation>Suivi : &lt;b&gt;%1&lt;/b&gt; &amp;nbsp;&amp;nbsp; Prochain traitement au plus tôt : &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="114" />
      <source>Save &amp;as…</source>
      <translation>Enregistrer &amp;sous…</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="279" />
      <source>Save the document in</source>
      <translation>Enregistrer le document dans</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="115" />
      <source>Save the document shown to a folder</source>
      <translation>Enregistrer le document affiché dans un dossier</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="294" />
      <source>Saved as %1</source>
      <translation>Enregistré sous %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="219" />
      <source>The documents are produced when the consent is sealed or declined.</source>
      <translation>Les documents sont produits lorsque le consentement est scellé ou refusé.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="291" />
      <source>The file could not be saved: %1</source>
      <translation>Le fichier n'a pas pu être enregistré : %1</translation>
    </message>
    <message>
      <source>The patient declined: no treatment, no handout.</source>
      <translation type="vanished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="205" />
      <source>The patient declined: no treatment, no patient sheet.</source>
      <translation>Le patient a refusé : aucun traitement, aucune feuille d'information.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="329" />
      <source>The patient sheet was emailed (protected).</source>
      <translation>La feuille d'information a été envoyée par courriel (protégée).</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="331" />
      <source>The patient sheet was emailed.</source>
      <translation>La feuille d'information a été envoyée par courriel.</translation>
    </message>
  </context>
  <context>
    <name>FirstRunDialog</name>
    <message>
      <location filename="../../consult_app/ui/dialogs/first_run_dialog.py" line="103" />
      <source>&amp;Address:</source>
      <translation>&amp;Adresse :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/first_run_dialog.py" line="104" />
      <source>&amp;First clinician:</source>
      <translation>&amp;Premier clinicien ou clinicienne :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/first_run_dialog.py" line="112" />
      <source>&amp;Later</source>
      <translation>Plus tar&amp;d</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/first_run_dialog.py" line="102" />
      <source>&amp;Phone:</source>
      <translation>&amp;Téléphone :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/first_run_dialog.py" line="111" />
      <source>&amp;Save</source>
      <translation>&amp;Enregistrer</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/first_run_dialog.py" line="101" />
      <source>Clinic &amp;name:</source>
      <translation>&amp;Nom de la clinique :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/first_run_dialog.py" line="103" />
      <source>Clinic address</source>
      <translation>Adresse de la clinique</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/first_run_dialog.py" line="101" />
      <source>Clinic name</source>
      <translation>Nom de la clinique</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/first_run_dialog.py" line="102" />
      <source>Clinic phone</source>
      <translation>Téléphone de la clinique</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/first_run_dialog.py" line="104" />
      <source>First clinician's name</source>
      <translation>Nom du premier clinicien ou de la première clinicienne</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/first_run_dialog.py" line="95" />
      <source>Printed on every patient sheet and in every email: who to call. You can skip this now and fill it in later under Settings.</source>
      <translation>Imprimé sur chaque feuille d'information et dans chaque courriel : qui appeler. Vous pouvez passer cette étape et remplir ces champs plus tard dans Paramètres.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/first_run_dialog.py" line="113" />
      <source>Skip for now</source>
      <translation>Passer pour le moment</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/first_run_dialog.py" line="93" />
      <source>Welcome: your clinic</source>
      <translation>Bienvenue : votre clinique</translation>
    </message>
  </context>
  <context>
    <name>FollowUpController</name>
    <message>
      <location filename="../../consult_app/ui/followup_controller.py" line="137" />
      <source>Follow-up recorded. Note: %1</source>
      <translation>Suivi consigné. Note : %1</translation>
    </message>
  </context>
  <context>
    <name>FollowUpDialog</name>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="106" />
      <source>&amp;Add adverse event</source>
      <translation>&amp;Ajouter un effet indésirable</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="82" />
      <source>&amp;Date</source>
      <translation>&amp;Date</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="136" />
      <source>&amp;Notes</source>
      <translation>&amp;Notes</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="102" />
      <source>Adverse events</source>
      <translation>Effets indésirables</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="135" />
      <source>C&amp;linician</source>
      <translation>C&amp;linicien(ne)</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="115" />
      <source>Clinician</source>
      <translation>Clinicien(ne)</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="149" />
      <source>Event</source>
      <translation>Effet</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="79" />
      <source>Follow-up date</source>
      <translation>Date du suivi</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="70" />
      <source>Follow-up visit</source>
      <translation>Visite de suivi</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="117" />
      <source>Notes</source>
      <translation>Notes</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="156" />
      <source>Onset</source>
      <translation>Début</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="107" />
      <source>Re&amp;move adverse event</source>
      <translation>Re&amp;tirer l'effet indésirable</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="162" />
      <source>Resolved</source>
      <translation>Résolu</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="153" />
      <source>Severity</source>
      <translation>Gravité</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="93" />
      <source>not recorded</source>
      <translation>non noté</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="160" />
      <source>ongoing</source>
      <translation>en cours</translation>
    </message>
  </context>
  <context>
    <name>HistoryTableModel</name>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="119" />
      <source>%1: %2, onset %3, %4</source>
      <translation>%1 : %2, début %3, %4</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="135" />
      <source>(reported %1)</source>
      <translation>(signalé le %1)</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="194" />
      <source>Adverse events</source>
      <translation>Effets indésirables</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="191" />
      <source>Areas (units)</source>
      <translation>Régions (unités)</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="188" />
      <source>Date</source>
      <translation>Date</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="190" />
      <source>Indications</source>
      <translation>Indications</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="189" />
      <source>Product</source>
      <translation>Produit</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="193" />
      <source>Status</source>
      <translation>Statut</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="192" />
      <source>Total units</source>
      <translation>Unités au total</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="151" />
      <source>declined</source>
      <translation>refusée</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="149" />
      <source>deferred</source>
      <translation>reportée</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="148" />
      <source>draft</source>
      <translation>brouillon</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="112" />
      <source>mild</source>
      <translation>léger</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="112" />
      <source>moderate</source>
      <translation>modéré</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="137" />
      <source>none reported</source>
      <translation>aucun signalé</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="116" />
      <source>ongoing</source>
      <translation>en cours</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="114" />
      <source>resolved %1</source>
      <translation>résolu le %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="150" />
      <source>sealed</source>
      <translation>scellée</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="112" />
      <source>severe</source>
      <translation>grave</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="150" />
      <source>treated</source>
      <translation>traitée</translation>
    </message>
  </context>
  <context>
    <name>IndicationsStep</name>
    <message>
      <location filename="../../consult_app/ui/steps/indications_step.py" line="226" />
      <source>&amp;Diagnosis basis, required for therapeutic use (diagnosis, examined by)</source>
      <translation>&amp;Fondement du diagnostic, requis pour l'usage thérapeutique (diagnostic, examiné par)</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/indications_step.py" line="237" />
      <source>Baseline scores</source>
      <translation>Scores de départ</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/indications_step.py" line="244" />
      <source>Choose at least one indication.</source>
      <translation>Choisissez au moins une indication.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/indications_step.py" line="224" />
      <source>Cosmetic</source>
      <translation>Esthétique</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/indications_step.py" line="228" />
      <source>Diagnosis basis</source>
      <translation>Fondement du diagnostic</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/indications_step.py" line="222" />
      <source>Indications and areas</source>
      <translation>Indications et régions</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/indications_step.py" line="233" />
      <source>P&amp;rescriber who examined and authorized, when not the injector (optional)</source>
      <translation>P&amp;rescripteur qui a examiné et autorisé, s'il n'est pas l'injecteur (facultatif)</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/indications_step.py" line="235" />
      <source>Prescriber</source>
      <translation>Prescripteur</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/indications_step.py" line="190" />
      <source>Proposed areas: %1</source>
      <translation>Régions proposées : %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/indications_step.py" line="223" />
      <source>Therapeutic</source>
      <translation>Thérapeutique</translation>
    </message>
    <message>
      <source>Therapeutic use: the diagnosis basis is required before consent.</source>
      <translation type="vanished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/indications_step.py" line="230" />
      <source>e.g. Chronic migraine (ICHD-3), examined by Dr A. Smith on 2026-10-02</source>
      <translation>p. ex. migraine chronique (ICHD-3), patiente examinée par la Dre A. Tremblay le 2026-10-02</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/indications_step.py" line="236" />
      <source>e.g. Dr P. Raman (neurology)</source>
      <translation>p. ex. Dr P. Raman (neurologie)</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/indications_step.py" line="149" />
      <source>not recorded</source>
      <translation>non noté</translation>
    </message>
  </context>
  <context>
    <name>InjectionMap</name>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="202" />
      <source>&amp;Units at this point</source>
      <translation>&amp;Unités pour ce point</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="204" />
      <source>Add po&amp;int</source>
      <translation>Ajouter un po&amp;int</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="205" />
      <source>Area and side of the point to add</source>
      <translation>Région et côté du point à ajouter</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="264" />
      <source>Back view: the patient's left is on your left.</source>
      <translation>Vue de dos : la gauche du patient est à votre gauche.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="206" />
      <source>Delete poin&amp;t</source>
      <translation>Supprimer le poin&amp;t</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="266" />
      <source>Front view: the patient's left is on your right.</source>
      <translation>Vue de face : la gauche du patient est à votre droite.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="200" />
      <source>Injection map: click a muscle to add a point</source>
      <translation>Schéma des injections : cliquez sur un muscle pour ajouter un point</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="201" />
      <source>Injection points</source>
      <translation>Points d'injection</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="340" />
      <source>Not on a treatment area: click on a shaded muscle.</source>
      <translation>Hors des régions à traiter : cliquez sur un muscle ombré.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="363" />
      <source>Not on a treatment area: the point went back.</source>
      <translation>Hors des régions à traiter : le point est revenu à sa place.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="199" />
      <source>Region shown on the map</source>
      <translation>Région affichée sur le schéma</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="203" />
      <source>Units at the selected point</source>
      <translation>Unités au point sélectionné</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="269" />
      <source>left</source>
      <translation>gauche</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="269" />
      <source>midline</source>
      <translation>ligne médiane</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="269" />
      <source>right</source>
      <translation>droite</translation>
    </message>
  </context>
  <context>
    <name>ListsDialog</name>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="102" />
      <source>%1 row(s)</source>
      <translation>%1 ligne(s)</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="141" />
      <source>&amp;Due for review or re-treatment</source>
      <translation>&amp;À revoir ou à traiter de nouveau</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="125" />
      <source>&amp;From</source>
      <translation>&amp;Du</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="123" />
      <source>&amp;Show due</source>
      <translation>&amp;Afficher</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="127" />
      <source>&amp;To</source>
      <translation>A&amp;u</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="178" />
      <source>CSV files (*.csv)</source>
      <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="139" />
      <source>Consultations that used the lot</source>
      <translation>Consultations où le lot a été utilisé</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="114" />
      <source>Due list and lot recall</source>
      <translation>Patients à revoir et rappel de lot</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="84" />
      <source>E&amp;xport CSV…</source>
      <translation>E&amp;xporter en CSV…</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="178" />
      <source>Export CSV</source>
      <translation>Exporter en CSV</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="187" />
      <source>Exported to %1</source>
      <translation>Exporté vers %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="134" />
      <source>Find &amp;lot</source>
      <translation>Chercher le &amp;lot</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="119" />
      <source>From</source>
      <translation>Du</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="142" />
      <source>Lot &amp;recall</source>
      <translation>&amp;Rappel de lot</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="132" />
      <source>Lot number</source>
      <translation>Numéro de lot</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="138" />
      <source>Patients due</source>
      <translation>Patients à revoir</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="159" />
      <source>The end of the window is before its start.</source>
      <translation>La fin de la période précède son début.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="185" />
      <source>The file could not be written: %1</source>
      <translation>Le fichier n'a pas pu être écrit : %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="119" />
      <source>To</source>
      <translation>Au</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="169" />
      <source>Type a lot number.</source>
      <translation>Tapez un numéro de lot.</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message numerus="yes">
      <location filename="../../consult_app/ui/main_window.py" line="302" />
      <source>%n patient(s)</source>
      <comment />
      <translation>
        <numerusform>%n patient</numerusform>
        <numerusform>%n patients</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="264" />
      <source>&amp;Due list, lot recall</source>
      <translation>Rappels et l&amp;ots</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="256" />
      <source>&amp;New patient</source>
      <translation>&amp;Nouveau patient</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="522" />
      <source>Choose a consultation in the history first.</source>
      <translation>Choisissez d'abord une consultation dans l'historique.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="270" />
      <source>Clinic settings</source>
      <translation>Paramètres de la clinique</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="271" />
      <source>Clinic settings (Ctrl+,)</source>
      <translation>Paramètres de la clinique (Ctrl+,)</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="265" />
      <source>Due list and lot recall</source>
      <translation>Patients à revoir et rappel de lot</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="546" />
      <source>Export for EMR</source>
      <translation>Exporter pour le DME</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="538" />
      <source>Export for EMR: choose a folder</source>
      <translation>Exporter pour le DME : choisir un dossier</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="550" />
      <source>Exported for the EMR (FHIR bundle): %1</source>
      <translation>Exporté pour le DME (paquet FHIR) : %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="260" />
      <source>Find a patient on the left, or create a new one with New patient (Ctrl+N).</source>
      <translation>Cherchez un patient à gauche, ou créez-en un avec « Nouveau patient » (Ctrl+N).</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="262" />
      <source>Find patient</source>
      <translation>Chercher un patient</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="257" />
      <source>New patient</source>
      <translation>Nouveau patient</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="298" />
      <source>No patient found.</source>
      <translation>Aucun patient trouvé.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="298" />
      <source>No patients yet.</source>
      <translation>Aucun patient pour le moment.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="506" />
      <source>No sealed treatment to repeat: start a new consultation.</source>
      <translation>Aucun traitement scellé à répéter : commencez une nouvelle consultation.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="576" />
      <source>Not saved yet: the database is still opening.</source>
      <translation>Pas encore enregistré : la base de données est en cours d'ouverture.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="586" />
      <source>Not saved: %1</source>
      <translation>Non enregistré : %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="592" />
      <source>Not saved: the chart number is already used.</source>
      <translation>Non enregistré : ce numéro de dossier est déjà utilisé.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="489" />
      <source>Not started: %1</source>
      <translation>Non commencée : %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="546" />
      <source>Nothing was exported: %1</source>
      <translation>Rien n'a été exporté : %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="345" />
      <source>Patient details</source>
      <translation>Renseignements sur le patient</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="258" />
      <source>Patients</source>
      <translation>Patients</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="267" />
      <source>Patients due for review or re-treatment; consultations that used a lot</source>
      <translation>Patients à revoir ou à traiter de nouveau ; consultations où un lot a été utilisé</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="572" />
      <source>Please correct the fields marked in red.</source>
      <translation>Veuillez corriger les champs en rouge.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="536" />
      <source>Save the patient first.</source>
      <translation>Enregistrez d'abord le patient.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="597" />
      <source>Saved.</source>
      <translation>Enregistré.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="269" />
      <source>Se&amp;ttings</source>
      <translation>&amp;Paramètres</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="253" />
      <source>Search by name, date of birth (YYYY-MM-DD) or chart number  (Ctrl+F)</source>
      <translation>Chercher par nom, date de naissance (AAAA-MM-JJ) ou numéro de dossier  (Ctrl+F)</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="255" />
      <source>Search patients</source>
      <translation>Chercher des patients</translation>
    </message>
    <message numerus="yes">
      <location filename="../../consult_app/ui/main_window.py" line="300" />
      <source>Showing the first %n patients; type more to narrow.</source>
      <comment />
      <translation>
        <numerusform>Premier patient affiché (%n) ; précisez la recherche.</numerusform>
        <numerusform>Les %n premiers patients sont affichés ; précisez la recherche.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="590" />
      <source>This chart number belongs to another patient.</source>
      <translation>Ce numéro de dossier appartient à un autre patient.</translation>
    </message>
  </context>
  <context>
    <name>OutcomesPanel</name>
    <message>
      <location filename="../../consult_app/ui/views/outcomes_panel.py" line="121" />
      <source>%1 over time, %2</source>
      <translation>%1 au fil du temps, %2</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/outcomes_panel.py" line="129" />
      <source>%1% below baseline</source>
      <translation>%1 % sous le départ</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/outcomes_panel.py" line="57" />
      <source>%1: %2 at the latest follow-up (%3), baseline %4 (%5).</source>
      <translation>%1 : %2 au dernier suivi (%3), départ %4 (%5).</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/outcomes_panel.py" line="53" />
      <source>%1: no follow-up score against a baseline yet.</source>
      <translation>%1 : aucun score de suivi à comparer au départ pour le moment.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/outcomes_panel.py" line="67" />
      <source>At least %1% lower: responding.</source>
      <translation>Baisse d'au moins %1 % : répond au traitement.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/outcomes_panel.py" line="147" />
      <source>Change</source>
      <translation>Variation</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/outcomes_panel.py" line="147" />
      <source>Date</source>
      <translation>Date</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/outcomes_panel.py" line="156" />
      <source>Follow-up</source>
      <translation>Suivi</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/outcomes_panel.py" line="71" />
      <source>Less than %1% lower: not responding so far.</source>
      <translation>Baisse de moins de %1 % : ne répond pas pour le moment.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/outcomes_panel.py" line="47" />
      <source>No scores recorded yet.</source>
      <translation>Aucun score noté pour le moment.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/outcomes_panel.py" line="95" />
      <source>Outcomes over time</source>
      <translation>Résultats au fil du temps</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/outcomes_panel.py" line="153" />
      <source>Scores per visit</source>
      <translation>Scores par visite</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/outcomes_panel.py" line="156" />
      <source>Treatment (baseline)</source>
      <translation>Traitement (départ)</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/outcomes_panel.py" line="147" />
      <source>Visit</source>
      <translation>Visite</translation>
    </message>
  </context>
  <context>
    <name>PatientFormWidget</name>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="125" />
      <source>&amp;Allergies</source>
      <translation>&amp;Allergies</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="123" />
      <source>&amp;Email</source>
      <translation>Courr&amp;iel</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="122" />
      <source>&amp;Phone</source>
      <translation>&amp;Téléphone</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="149" />
      <source>&amp;Save patient</source>
      <translation>&amp;Enregistrer le patient</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="121" />
      <source>C&amp;hart number</source>
      <translation>N° de &amp;dossier</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="151" />
      <source>Cancel</source>
      <translation>Annuler</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="35" />
      <source>Contains characters that cannot be stored.</source>
      <translation>Contient des caractères qui ne peuvent pas être enregistrés.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="119" />
      <source>Date of &amp;birth</source>
      <translation>Date de nai&amp;ssance</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="146" />
      <source>English</source>
      <translation>Anglais</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="135" />
      <source>Female</source>
      <translation>Féminin</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="147" />
      <source>French</source>
      <translation>Français</translation>
    </message>
    <message>
      <source>Handout lan&amp;guage</source>
      <translation type="vanished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="136" />
      <source>Male</source>
      <translation>Masculin</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="118" />
      <source>Na&amp;me</source>
      <translation>No&amp;m</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="154" />
      <source>New patient</source>
      <translation>Nouveau patient</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="31" />
      <source>Not a real date: use YYYY-MM-DD, e.g. 1984-03-09.</source>
      <translation>Cette date n'existe pas : utilisez AAAA-MM-JJ, p. ex. 1984-03-09.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="134" />
      <source>Not stated</source>
      <translation>Non précisé</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="137" />
      <source>Other</source>
      <translation>Autre</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="33" />
      <source>Please check the year.</source>
      <translation>Veuillez vérifier l'année.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="29" />
      <source>Required.</source>
      <translation>Obligatoire.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="150" />
      <source>Save patient</source>
      <translation>Enregistrer le patient</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="120" />
      <source>Se&amp;x</source>
      <translation>Se&amp;xe</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="124" />
      <source>Sheet lan&amp;guage</source>
      <translation>Lan&amp;gue de la feuille</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="32" />
      <source>The date of birth must be in the past.</source>
      <translation>La date de naissance doit être passée.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="34" />
      <source>This does not look like an email address (name@example.org).</source>
      <translation>Ceci ne ressemble pas à une adresse courriel (nom@exemple.ca).</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="30" />
      <source>Too long.</source>
      <translation>Trop long.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="130" />
      <source>YYYY-MM-DD</source>
      <translation>AAAA-MM-JJ</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="132" />
      <source>e.g. penicillin; none known</source>
      <translation>p. ex. pénicilline ; aucune connue</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="131" />
      <source>name@example.org</source>
      <translation>nom@exemple.ca</translation>
    </message>
  </context>
  <context>
    <name>PatientPage</name>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="136" />
      <source>&amp;Open…</source>
      <translation>Ou&amp;vrir…</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="140" />
      <source>&amp;Resume</source>
      <translation>&amp;Reprendre</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="146" />
      <source>Export for EMR…</source>
      <translation>Vers le DME…</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="147" />
      <source>Export this patient's record for the EMR</source>
      <translation>Exporter le dossier de ce patient pour le DME</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="138" />
      <source>Open the selected past consultation read-only, with its documents</source>
      <translation>Ouvrir la consultation passée sélectionnée en lecture seule, avec ses documents</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="157" />
      <source>Outcome scores and adverse events after the last treatment</source>
      <translation>Scores de résultats et effets indésirables après le dernier traitement</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="154" />
      <source>Record &amp;follow-up…</source>
      <translation>Noter un s&amp;uivi…</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="155" />
      <source>Record a follow-up visit</source>
      <translation>Consigner une visite de suivi</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="144" />
      <source>Repeat &amp;last treatment</source>
      <translation>Répéter &amp;le traitement</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="145" />
      <source>Repeat last treatment</source>
      <translation>Répéter le dernier traitement</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="141" />
      <source>Resume the selected consultation</source>
      <translation>Reprendre la consultation sélectionnée</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="176" />
      <source>Saved %1, at: %2</source>
      <translation>Enregistrée le %1, à l'étape : %2</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="142" />
      <source>Start &amp;consultation</source>
      <translation>Nouvelle &amp;consultation</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="160" />
      <source>Start a consultation with the indications, product and plan of the last one</source>
      <translation>Commencer une consultation avec les indications, le produit et le plan de la précédente</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="143" />
      <source>Start consultation</source>
      <translation>Nouvelle consultation</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="133" />
      <source>Treatment history</source>
      <translation>Historique des traitements</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="135" />
      <source>Unfinished consultations</source>
      <translation>Consultations inachevées</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="149" />
      <source>Write this patient's record as a FHIR bundle (one JSON file) into a folder, for the clinic's main EMR</source>
      <translation>Écrire le dossier de ce patient sous forme de paquet FHIR (un fichier JSON) dans un dossier, pour le DME principal de la clinique</translation>
    </message>
  </context>
  <context>
    <name>PatientTableModel</name>
    <message>
      <location filename="../../consult_app/ui/models/patient_table_model.py" line="77" />
      <source>Chart no.</source>
      <translation>N° de dossier</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/models/patient_table_model.py" line="77" />
      <source>Date of birth</source>
      <translation>Date de naissance</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/models/patient_table_model.py" line="77" />
      <source>Name</source>
      <translation>Nom</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/models/patient_table_model.py" line="77" />
      <source>Phone</source>
      <translation>Téléphone</translation>
    </message>
  </context>
  <context>
    <name>PdfPreview</name>
    <message>
      <location filename="../../consult_app/ui/widgets/pdf_preview.py" line="94" />
      <source>Document preview</source>
      <translation>Aperçu du document</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/pdf_preview.py" line="86" />
      <source>Fit width</source>
      <translation>Ajuster à la largeur</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/pdf_preview.py" line="92" />
      <source>Next page</source>
      <translation>Page suivante</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/pdf_preview.py" line="169" />
      <source>Page {page} of {count}</source>
      <translation>Page {page} de {count}</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/pdf_preview.py" line="90" />
      <source>Previous page</source>
      <translation>Page précédente</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/pdf_preview.py" line="88" />
      <source>Whole page</source>
      <translation>Page entière</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/pdf_preview.py" line="84" />
      <source>Zoom in</source>
      <translation>Zoom avant</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/pdf_preview.py" line="82" />
      <source>Zoom out</source>
      <translation>Zoom arrière</translation>
    </message>
  </context>
  <context>
    <name>PlanMap</name>
    <message>
      <location filename="../../consult_app/ui/steps/plan_map.py" line="49" />
      <source>Injection map</source>
      <translation>Schéma des injections</translation>
    </message>
  </context>
  <context>
    <name>Printing</name>
    <message>
      <location filename="../../consult_app/ui/printing.py" line="35" />
      <source>The document {name} could not be opened.</source>
      <translation>Le document {name} n'a pas pu être ouvert.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/printing.py" line="72" />
      <source>The printer could not be started.</source>
      <translation>L'imprimante n'a pas pu être lancée.</translation>
    </message>
  </context>
  <context>
    <name>ProductStep</name>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="227" />
      <source> U/mL</source>
      <translation> U/mL</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="230" />
      <source>&amp;Add area</source>
      <translation>&amp;Ajouter la région</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="225" />
      <source>&amp;Dilution</source>
      <translation>&amp;Dilution</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="219" />
      <source>&amp;Lot number</source>
      <translation>Numéro de &amp;lot</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="231" />
      <source>Add area</source>
      <translation>Ajouter une région</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="235" />
      <source>Area</source>
      <translation>Région</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="229" />
      <source>Area to add</source>
      <translation>Région à ajouter</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="476" />
      <source>Choose the product.</source>
      <translation>Choisissez le produit.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="261" />
      <source>Choose the product...</source>
      <translation>Choisissez le produit…</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="226" />
      <source>Dilution in units per mL</source>
      <translation>Dilution en unités par mL</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="222" />
      <source>E&amp;xpiry</source>
      <translation>E&amp;xpiration</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="641" />
      <source>Expired on %1: do not use this vial. Take another one.</source>
      <translation>Expirée depuis le %1 : n'utilisez pas cette fiole. Prenez-en une autre.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="223" />
      <source>Expiry date</source>
      <translation>Date d'expiration</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="481" />
      <source>Give the units for every area (or remove it).</source>
      <translation>Indiquez les unités de chaque région (ou retirez-la).</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="302" />
      <source>Label status (%1, %2)</source>
      <translation>Statut d'homologation (%1, %2)</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="237" />
      <source>Left</source>
      <translation>Gauche</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="650" />
      <source>Lot %1 was scanned as expired on %2: do not use this vial. Take another one.</source>
      <translation>Le lot %1 a été scanné comme expiré le %2 : n'utilisez pas cette fiole. Prenez-en une autre.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="625" />
      <source>Lot %1 was scanned with expiry %2: the date typed contradicts the vial.</source>
      <translation>Le lot %1 a été scanné avec l'expiration %2 : la date tapée contredit la fiole.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="220" />
      <source>Lot number</source>
      <translation>Numéro de lot</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="421" />
      <source>Midline</source>
      <translation>Ligne médiane</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="298" />
      <source>OFF-LABEL here: disclose it in the consent</source>
      <translation>HORS INDICATION ici : à mentionner dans le consentement</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="217" />
      <source>P&amp;roduct</source>
      <translation>P&amp;roduit</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="479" />
      <source>Plan at least one area.</source>
      <translation>Prévoyez au moins une région.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="218" />
      <source>Product</source>
      <translation>Produit</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="216" />
      <source>Product and dose plan</source>
      <translation>Produit et doses prévues</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="391" />
      <source>Remove %1</source>
      <translation>Retirer %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="238" />
      <source>Right</source>
      <translation>Droite</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="457" />
      <source>Scanned: GTIN %1</source>
      <translation>Scanné : GTIN %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="239" />
      <source>Sites</source>
      <translation>Points</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="569" />
      <source>The barcode was misread (GTIN %1 has a wrong check digit): scan it again.</source>
      <translation>Le code-barres a été mal lu (le chiffre de contrôle du GTIN %1 est erroné) : scannez-le de nouveau.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="613" />
      <source>The expiry is not a date: use YYYY-MM-DD.</source>
      <translation>L'expiration n'est pas une date : utilisez AAAA-MM-JJ.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="347" />
      <source>Total: %1 U of %2, %3 mL, %4 sites</source>
      <translation>Total : %1 U de %2, %3 mL, %4 points</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="240" />
      <source>U/site</source>
      <translation>U/point</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="236" />
      <source>Units</source>
      <translation>Unités</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="483" />
      <source>Units are whole or half units.</source>
      <translation>Indiquez des unités entières ou des demi-unités.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="383" />
      <source>Units for %1</source>
      <translation>Unités pour %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="434" />
      <source>Units for %1, patient's left</source>
      <translation>Unités pour %1, côté gauche du patient</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="436" />
      <source>Units for %1, patient's right</source>
      <translation>Unités pour %1, côté droit du patient</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="228" />
      <source>Units per area</source>
      <translation>Unités par région</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="224" />
      <source>YYYY-MM-DD</source>
      <translation>AAAA-MM-JJ</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="241" />
      <source>mL/site</source>
      <translation>mL/point</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="294" />
      <source>on-label</source>
      <translation>homologué</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="221" />
      <source>type, or scan the vial's barcode</source>
      <translation>tapez-le, ou scannez le code-barres de la fiole</translation>
    </message>
  </context>
  <context>
    <name>RecoverDialog</name>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="234" />
      <source>&amp;Open the app</source>
      <translation>&amp;Ouvrir l'application</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="235" />
      <source>&amp;Quit</source>
      <translation>&amp;Quitter</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="232" />
      <source>&amp;Restore the newest sound backup</source>
      <translation>&amp;Restaurer la sauvegarde intacte la plus récente</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="140" />
      <source>Anything recorded after %1 is not in the restored database.</source>
      <translation>Rien de ce qui a été consigné après %1 ne se trouve dans la base de données restaurée.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="230" />
      <source>Backup of</source>
      <translation>Date de la sauvegarde</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="231" />
      <source>Backups</source>
      <translation>Sauvegardes</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="253" />
      <source>No backup verifies, so none can be restored.</source>
      <translation>Aucune sauvegarde n'est intacte : aucune ne peut donc être restaurée.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="242" />
      <source>No: %1</source>
      <translation>Non : %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="267" />
      <source>Nothing was restored: %1</source>
      <translation>Rien n'a été restauré : %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="233" />
      <source>Restore the newest sound backup</source>
      <translation>Restaurer la sauvegarde intacte la plus récente</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="284" />
      <source>Restored the backup of %1.</source>
      <translation>Sauvegarde du %1 restaurée.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="230" />
      <source>Size</source>
      <translation>Taille</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="160" />
      <source>The audit anchor of %1 shows entries up to no. %2 that are not restored.</source>
      <translation>L'ancrage d'audit du %1 montre des entrées jusqu'au n° %2 qui ne sont pas restaurées.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="153" />
      <source>The damaged file cannot be read, so the lost consultations cannot be listed: check the day's paper notes and records for anything after that time.</source>
      <translation>Le fichier endommagé est illisible : les consultations perdues ne peuvent donc pas être énumérées. Vérifiez les notes papier et les dossiers de la journée pour tout ce qui est postérieur à ce moment.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="150" />
      <source>The damaged file shows no consultation recorded after the backup.</source>
      <translation>Le fichier endommagé ne montre aucune consultation consignée après la sauvegarde.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="273" />
      <source>The damaged file was kept as %1.</source>
      <translation>Le fichier endommagé a été conservé sous %1.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="224" />
      <source>The database cannot be used: %1

Nothing has been written to it. Restore the newest backup that verifies: the damaged file is kept aside (never deleted), and you will see what, if anything, must be entered again.</source>
      <translation>La base de données est inutilisable : %1

Rien n'y a été écrit. Restaurez la sauvegarde intacte la plus récente : le fichier endommagé est mis de côté (jamais supprimé), et vous verrez ce qui doit être saisi de nouveau, le cas échéant.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="222" />
      <source>The database is damaged</source>
      <translation>La base de données est endommagée</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="278" />
      <source>The restored database verifies.</source>
      <translation>La base de données restaurée est intacte.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="251" />
      <source>There is no backup in the backup folder.</source>
      <translation>Il n'y a aucune sauvegarde dans le dossier des sauvegardes.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="143" />
      <source>These consultations were recorded after the backup and must be entered again:</source>
      <translation>Ces consultations ont été consignées après la sauvegarde et doivent être saisies de nouveau :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="230" />
      <source>Verifies</source>
      <translation>Intacte</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="280" />
      <source>Warning: the restored database does not verify: %1</source>
      <translation>Attention : la base de données restaurée n'est pas intacte : %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="242" />
      <source>Yes</source>
      <translation>Oui</translation>
    </message>
  </context>
  <context>
    <name>RisksStep</name>
    <message>
      <location filename="../../consult_app/ui/steps/risks_step.py" line="220" />
      <source>%1 item(s) still to discuss.</source>
      <translation>%1 élément(s) à expliquer.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/risks_step.py" line="99" />
      <source>&amp;Tick all as discussed</source>
      <translation>&amp;Tout cocher comme expliqué</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/risks_step.py" line="44" />
      <source>Allergic reactions</source>
      <translation>Réactions allergiques</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/risks_step.py" line="41" />
      <source>Common effects</source>
      <translation>Effets fréquents</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/risks_step.py" line="214" />
      <source>Complete the earlier steps first.</source>
      <translation>Terminez d'abord les étapes précédentes.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/risks_step.py" line="245" />
      <source>Discussed: %1 of %2</source>
      <translation>Expliqués : %1 sur %2</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/risks_step.py" line="42" />
      <source>Effects specific to the treated areas</source>
      <translation>Effets propres aux régions traitées</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/risks_step.py" line="93" />
      <source>Go through each item with the patient and tick it once discussed (Space ticks, Down moves to the next).</source>
      <translation>Passez chaque élément en revue avec le patient et cochez-le une fois expliqué (Espace coche, Bas passe au suivant).</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/risks_step.py" line="101" />
      <source>Patient's &amp;questions and the answers given:</source>
      <translation>&amp;Questions du patient et réponses données :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/risks_step.py" line="102" />
      <source>Patient's questions and the answers given</source>
      <translation>Questions du patient et réponses données</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/risks_step.py" line="98" />
      <source>Risks and counselling points to discuss</source>
      <translation>Risques et conseils à expliquer</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/risks_step.py" line="91" />
      <source>Risks discussed</source>
      <translation>Risques expliqués</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/risks_step.py" line="43" />
      <source>Serious effects (boxed warning)</source>
      <translation>Effets graves (mise en garde encadrée)</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/risks_step.py" line="131" />
      <source>This patient's counselling points</source>
      <translation>Conseils propres à ce patient</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/risks_step.py" line="100" />
      <source>Tick all as discussed</source>
      <translation>Tout cocher comme expliqué</translation>
    </message>
  </context>
  <context>
    <name>ScreeningStep</name>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="319" />
      <source>&amp;Record deferral</source>
      <translation>&amp;Consigner le report</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="116" />
      <source>(last time: %1; ask again)</source>
      <translation>(la dernière fois : %1 ; redemandez)</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="494" />
      <source>Answer every question with yes or no.</source>
      <translation>Répondez à chaque question par oui ou par non.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="52" />
      <source>CAUTION</source>
      <translation>PRUDENCE</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="399" />
      <source>CAUTION: a reason is written for each caution; you may go on.</source>
      <translation>PRUDENCE : une justification est écrite pour chaque mise en garde ; vous pouvez continuer.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="392" />
      <source>CAUTION: write a reason for each caution below to go on.</source>
      <translation>PRUDENCE : écrivez une justification pour chaque mise en garde ci-dessous pour continuer.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="479" />
      <source>Complete steps 2 and 3 first.</source>
      <translation>Terminez d'abord les étapes 2 et 3.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="335" />
      <source>Complete the indications and the product plan first.</source>
      <translation>Remplissez d'abord les indications et le plan de traitement.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="410" />
      <source>Deferral recorded. Letter: %1</source>
      <translation>Report consigné. Lettre : %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="318" />
      <source>Findings</source>
      <translation>Constats</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="391" />
      <source>INCOMPLETE: answer every question (unsure counts as unanswered).</source>
      <translation>INCOMPLET : répondez à chaque question (« incertain » compte comme sans réponse).</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="52" />
      <source>NOTE</source>
      <translation>À NOTER</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="94" />
      <source>No</source>
      <translation>Non</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="95" />
      <source>No (N)</source>
      <translation>Non (N)</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="367" />
      <source>None so far.</source>
      <translation>Aucun pour le moment.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="367" />
      <source>None.</source>
      <translation>Aucun.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="571" />
      <source>Not recorded: %1</source>
      <translation>Non consigné : %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="393" />
      <source>PROCEED: no contraindication found.</source>
      <translation>POURSUIVRE : aucune contre-indication relevée.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="101" />
      <source>Press Y, N or U to answer</source>
      <translation>Appuyez sur O, N ou I pour répondre</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="353" />
      <source>Question %1 of %2 answered. Keys: Y yes, N no, U unsure; Up/Down to move.</source>
      <translation>Questions répondues : %1 sur %2. Touches : O oui, N non, I incertain ; Haut/Bas pour se déplacer.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="191" />
      <source>Reason for going on despite: %1</source>
      <translation>Justification pour continuer malgré : %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="320" />
      <source>Record deferral and write the letter</source>
      <translation>Consigner le report et rédiger la lettre</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="52" />
      <source>STOP</source>
      <translation>ARRÊT</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="487" />
      <source>STOP: record the deferral; this treatment cannot be planned today.</source>
      <translation>ARRÊT : consignez le report ; ce traitement ne peut pas être prévu aujourd'hui.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="483" />
      <source>STOP: the deferral is recorded and its letter written; this treatment cannot be planned today.</source>
      <translation>ARRÊT : le report est consigné et sa lettre rédigée ; ce traitement ne peut pas être prévu aujourd'hui.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="390" />
      <source>STOP: treatment cannot go ahead today. Record the deferral.</source>
      <translation>ARRÊT : le traitement ne peut pas avoir lieu aujourd'hui. Consignez le report.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="397" />
      <source>STOP: treatment cannot go ahead today. The deferral is recorded.</source>
      <translation>ARRÊT : le traitement ne peut pas avoir lieu aujourd'hui. Le report est consigné.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="317" />
      <source>Screening</source>
      <translation>Dépistage</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="490" />
      <source>This consultation was left more than a day ago: ask the screening questions again (last answers are shown, not counted).</source>
      <translation>Cette consultation a été laissée il y a plus d'une journée : reposez les questions de dépistage (les dernières réponses sont affichées, mais ne comptent pas).</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="94" />
      <source>Unsure</source>
      <translation>Incertain</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="95" />
      <source>Unsure (U)</source>
      <translation>Incertain (I)</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="207" />
      <source>Use last visit's: %1</source>
      <translation>Reprendre celle de la dernière visite : %1</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="209" />
      <source>Use the reason given at the last visit</source>
      <translation>Reprendre la justification donnée à la dernière visite</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="228" />
      <source>Verdict</source>
      <translation>Conclusion</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="192" />
      <source>Why is it safe to go on? (printed in the record)</source>
      <translation>Pourquoi est-il sécuritaire de continuer ? (imprimé dans le dossier)</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="496" />
      <source>Write a reason for each caution (at least 2 words and 12 characters).</source>
      <translation>Écrivez une justification pour chaque mise en garde (au moins 2 mots et 12 caractères).</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="94" />
      <source>Yes</source>
      <translation>Oui</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="95" />
      <source>Yes (Y)</source>
      <translation>Oui (O)</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="267" />
      <source>&amp;Address:</source>
      <translation>&amp;Adresse :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="287" />
      <source>&amp;Backups kept:</source>
      <translation>&amp;Sauvegardes conservées :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="269" />
      <source>&amp;Email:</source>
      <translation>&amp;Courriel :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="299" />
      <source>&amp;Interface language:</source>
      <translation>Langue de l'inter&amp;face :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="274" />
      <source>&amp;Jurisdiction:</source>
      <translation>Te&amp;rritoire :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="317" />
      <source>&amp;Logo:</source>
      <translation>&amp;Logo :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="266" />
      <source>&amp;Name:</source>
      <translation>&amp;Nom :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="268" />
      <source>&amp;Phone:</source>
      <translation>&amp;Téléphone :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="302" />
      <source>&amp;Server:</source>
      <translation>Ser&amp;veur :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="305" />
      <source>&amp;User name:</source>
      <translation>No&amp;m d'utilisateur :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="270" />
      <source>C&amp;linicians:</source>
      <translation>Cl&amp;iniciens :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="321" />
      <source>Choose the logo file</source>
      <translation>Choisir le fichier du logo</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="320" />
      <source>Choose…</source>
      <translation>Choisir…</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="262" />
      <source>Clinic</source>
      <translation>Clinique</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="267" />
      <source>Clinic address</source>
      <translation>Adresse de la clinique</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="269" />
      <source>Clinic email</source>
      <translation>Courriel de la clinique</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="452" />
      <source>Clinic logo</source>
      <translation>Logo de la clinique</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="266" />
      <source>Clinic name</source>
      <translation>Nom de la clinique</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="268" />
      <source>Clinic phone</source>
      <translation>Téléphone de la clinique</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="261" />
      <source>Clinic settings</source>
      <translation>Paramètres de la clinique</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="270" />
      <source>Clinicians</source>
      <translation>Cliniciens</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="304" />
      <source>Connection security</source>
      <translation>Sécurité de la connexion</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="330" />
      <source>DD/MM/YYYY</source>
      <translation>JJ/MM/AAAA</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="293" />
      <source>Date &amp;format:</source>
      <translation>Format &amp;de date :</translation>
    </message>
    <message>
      <source>Default handout language</source>
      <translation type="vanished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="282" />
      <source>Default patient sheet language</source>
      <translation>Langue par défaut de la feuille d'information</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="328" />
      <source>English</source>
      <translation>Anglais</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="329" />
      <source>French</source>
      <translation>Français</translation>
    </message>
    <message>
      <source>Handout lan&amp;guage:</source>
      <translation type="vanished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="294" />
      <source>How the clinic writes dates</source>
      <translation>Comment la clinique écrit les dates</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="452" />
      <source>Images (*.png *.jpg *.jpeg)</source>
      <translation>Images (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="275" />
      <source>Jurisdiction</source>
      <translation>Territoire</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="300" />
      <source>Language of this program's screens on this computer</source>
      <translation>Langue des écrans du logiciel sur cet ordinateur</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="325" />
      <source>Letter</source>
      <translation>Lettre</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="319" />
      <source>Logo file</source>
      <translation>Fichier du logo</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="331" />
      <source>MM/DD/YYYY</source>
      <translation>MM/JJ/AAAA</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="307" />
      <source>Mail password</source>
      <translation>Mot de passe du courriel</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="302" />
      <source>Mail server host</source>
      <translation>Hôte du serveur de courriel</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="303" />
      <source>Mail server port</source>
      <translation>Port du serveur de courriel</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="305" />
      <source>Mail user name</source>
      <translation>Nom d'utilisateur du courriel</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="288" />
      <source>Number of backups kept</source>
      <translation>Nombre de sauvegardes conservées</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="342" />
      <source>One name per line</source>
      <translation>Un nom par ligne</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="264" />
      <source>Outgoing mail (SMTP)</source>
      <translation>Courrier sortant (SMTP)</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="303" />
      <source>P&amp;ort:</source>
      <translation>P&amp;ort :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="277" />
      <source>Page si&amp;ze:</source>
      <translation>Format du &amp;papier :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="277" />
      <source>Page size</source>
      <translation>Format du papier</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="307" />
      <source>Pass&amp;word:</source>
      <translation>Mot d&amp;e passe :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="281" />
      <source>Patient sheet lan&amp;guage:</source>
      <translation>Lan&amp;gue de la feuille :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="263" />
      <source>Practice and documents</source>
      <translation>Pratique et documents</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="322" />
      <source>Pro&amp;tect emailed sheets with the date of birth</source>
      <translation>Protéger les feuilles envo&amp;yées par courriel par la date de naissance</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="323" />
      <source>Protect emailed sheets with the date of birth</source>
      <translation>Protéger les feuilles envoyées par courriel par la date de naissance</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="352" />
      <source>Save or cancel</source>
      <translation>Enregistrer ou annuler</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="304" />
      <source>Se&amp;curity:</source>
      <translation>Séc&amp;urité :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="306" />
      <source>Sen&amp;der:</source>
      <translation>E&amp;xpéditeur :</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="306" />
      <source>Sender address</source>
      <translation>Adresse de l'expéditeur</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="351" />
      <source>Settings errors</source>
      <translation>Erreurs dans les paramètres</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="341" />
      <source>The interface language changes at the next start.</source>
      <translation>La langue de l'interface change au prochain démarrage.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="346" />
      <source>The password is kept in the system keyring, or for this session only when there is none; it is never stored in the database.</source>
      <translation>Le mot de passe est conservé dans le trousseau du système ou, à défaut, pour cette session seulement ; il n'est jamais enregistré dans la base de données.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="333" />
      <source>The system's language</source>
      <translation>Langue du système</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="324" />
      <source>United States</source>
      <translation>États-Unis</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="343" />
      <source>standard</source>
      <translation>standard</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="344" />
      <source>unchanged</source>
      <translation>inchangé</translation>
    </message>
  </context>
  <context>
    <name>SignaturePad</name>
    <message>
      <location filename="../../consult_app/ui/widgets/signature_pad.py" line="81" />
      <source>Sign here with a finger, a pen or the mouse.</source>
      <translation>Signez ici avec le doigt, un stylet ou la souris.</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/signature_pad.py" line="80" />
      <source>Signature pad</source>
      <translation>Zone de signature</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/signature_pad.py" line="127" />
      <source>The signature is empty.</source>
      <translation>La signature est vide.</translation>
    </message>
  </context>
  <context>
    <name>Startup</name>
    <message>
      <location filename="../../consult_app/app/gui.py" line="293" />
      <source>&amp;Not now</source>
      <translation>Pas &amp;maintenant</translation>
    </message>
  </context>
  <context>
    <name>UnfinishedView</name>
    <message>
      <location filename="../../consult_app/ui/views/unfinished_view.py" line="63" />
      <source>%1, left %2</source>
      <translation>%1, laissée le %2</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/unfinished_view.py" line="55" />
      <source>Unfinished consultations</source>
      <translation>Consultations inachevées</translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/views/unfinished_view.py" line="56" />
      <source>Unfinished consultations of every patient</source>
      <translation>Consultations inachevées de tous les patients</translation>
    </message>
  </context>
</TS>
