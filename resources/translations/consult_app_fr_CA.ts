<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_CA" sourcelanguage="en">
  <context>
    <name>AdministrationDialog</name>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="126" />
      <source>&amp;Given as planned (Ctrl+Enter)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="128" />
      <source>&amp;Not given</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="127" />
      <source>&amp;Seal what was given</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="102" />
      <source>Area</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="129" />
      <source>Cancel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="132" />
      <source>Injected by</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="191" />
      <source>More is given than the consented plan (%1 U &gt; %2 U): say why in the notes.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="119" />
      <source>Notes: immediate reactions, and why when more was given than planned</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="226" />
      <source>Scan or type the vial's lot.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="102" />
      <source>Side</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="224" />
      <source>This vial has expired: it cannot be used.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="180" />
      <source>Type why nothing was given.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="102" />
      <source>Units given</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="113" />
      <source>Units given at point %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="134" />
      <source>Vial expiry</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="133" />
      <source>Vial lot</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="96" />
      <source>What was given</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="122" />
      <source>Why nothing was given (needed for Not given)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="218" />
      <source>left</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="218" />
      <source>midline</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/administration_dialog.py" line="218" />
      <source>right</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ConsentStep</name>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="281" />
      <source>&amp;Decline…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="267" />
      <source>&amp;Relationship:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="260" />
      <source>&amp;Witness present:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="253" />
      <source>A substitute decision-maker signs</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="336" />
      <source>Alternatives, including no treatment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="268" />
      <source>C&amp;linician:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="283" />
      <source>C&amp;orrect…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="693" />
      <source>Choose or enter the clinician to record the refusal.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="575" />
      <source>Choose or enter the clinician.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="90" />
      <source>Clear</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="91" />
      <source>Clear the signature of %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="259" />
      <source>Clinician</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="323" />
      <source>Complete the earlier steps first.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="248" />
      <source>Consent</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="285" />
      <source>Consent message</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="249" />
      <source>Consent text</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="718" />
      <source>Correct the consent</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="284" />
      <source>Correct the sealed consent</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="730" />
      <source>Correction: sign again to seal the corrected consent.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="429" />
      <source>Enter or scan the lot number (step 3) before sealing.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="561" />
      <source>Enter the substitute decision-maker's name and relationship.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="609" />
      <source>Enter the witness's name, or untick the witness.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="332" />
      <source>Off-label use</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="275" />
      <source>Patient (or substitute decision-maker)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="698" />
      <source>Patient declines</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="282" />
      <source>Record that the patient declines</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="699" />
      <source>Record that the patient declines the treatment? This is sealed and final.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="477" />
      <source>SHA-256: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="286" />
      <source>Seal</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="474" />
      <source>Sealed. This consent can no longer be changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="265" />
      <source>Si&amp;gner:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="279" />
      <source>Sign and &amp;seal</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="280" />
      <source>Sign and seal the consent</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="432" />
      <source>Sign and seal the consent, or record that the patient declines.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="89" />
      <source>Signature of %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="251" />
      <source>Signatures</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="719" />
      <source>Start a new consent that corrects the sealed one? The sealed consent is kept and linked to the new one.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="255" />
      <source>Substitute decision-maker's name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="257" />
      <source>Substitute decision-maker's relationship to the patient</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="266" />
      <source>Substitute's na&amp;me:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="579" />
      <source>The clinician's signature is empty.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="639" />
      <source>The consent was not sealed: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="250" />
      <source>The patient confirms</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="252" />
      <source>The patient signs</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="569" />
      <source>The patient's signature is empty.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="472" />
      <source>The refusal is recorded and sealed. It can no longer be changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="567" />
      <source>The substitute decision-maker's signature is empty.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="613" />
      <source>The witness's signature is empty.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="66" />
      <source>Therapeutic use: record the diagnosis and who examined (step 2) before sealing.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="549" />
      <source>Tick every confirmation with the patient first.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="254" />
      <source>Who signs for the patient</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="278" />
      <source>Witness</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="261" />
      <source>Witness present</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="262" />
      <source>Witness's name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="277" />
      <source>the clinician</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="275" />
      <source>the patient</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/consent_step.py" line="278" />
      <source>the witness</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ConsultationView</name>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="187" />
      <source>&amp;Next &gt;</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="183" />
      <source>&amp;Patient page</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="172" />
      <source>2. Indications and areas</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="173" />
      <source>3. Product and plan</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="174" />
      <source>4. Screening</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="175" />
      <source>5. Risks discussed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="176" />
      <source>6. Consent</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>7. Handout and finish</source>
      <translation type="vanished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="177" />
      <source>7. Patient sheet and finish</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="185" />
      <source>&lt; &amp;Back</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="184" />
      <source>Back to the patient page</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="441" />
      <source>Complete this step to go on.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="182" />
      <source>Consultation steps</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="330" />
      <source>Deferral recorded</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="495" />
      <source>Deferral recorded %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="369" />
      <source>NOT SAVED: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="190" />
      <source>Next step</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="188" />
      <source>Next step (Alt+Right)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="266" />
      <source>Not saved: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="189" />
      <source>Previous step</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="186" />
      <source>Previous step (Alt+Left)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="329" />
      <source>Refusal sealed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="403" />
      <source>STOP</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="373" />
      <source>Saved %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="331" />
      <source>Sealed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="317" />
      <source>The deferral is recorded: this consultation is shown read-only and can no longer be changed. Start a new consultation when the patient can be treated.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="322" />
      <source>The patient's refusal is sealed: this consultation is shown read-only and can no longer be changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="312" />
      <source>This consultation is sealed: it is shown read-only and can no longer be changed. A correction is a new consent: Correct… on step 6.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="401" />
      <source>done</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/consultation_view.py" line="402" />
      <source>needs attention</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>EmailDialog</name>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="217" />
      <source>&amp;Close</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="209" />
      <source>&amp;Protect the attachment with the date of birth (YYYYMMDD)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="202" />
      <source>&amp;Recipient:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="213" />
      <source>&amp;Send</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="90" />
      <source>A secure connection to the mail server failed; nothing was sent. ({detail})</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="218" />
      <source>Close</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="216" />
      <source>Create an email draft in the mail program</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="215" />
      <source>Create email &amp;draft</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="212" />
      <source>Email status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="199" />
      <source>Email the patient sheet</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="276" />
      <source>Mail server password</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="277" />
      <source>Password for {user} on {host}:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="210" />
      <source>Protect the attachment with the date of birth</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="207" />
      <source>Recipient email address</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="214" />
      <source>Send the email</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="211" />
      <source>Sending</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="300" />
      <source>Sending…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="206" />
      <source>Subject:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="342" />
      <source>The draft could not be written: {error}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="347" />
      <source>The draft was opened in the mail program.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="350" />
      <source>The draft was saved as {path}; open it with the mail program.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="82" />
      <source>The email address is not valid. Check the recipient (and the clinic's sender address in the settings).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="291" />
      <source>The email could not be prepared: {error}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="81" />
      <source>The email settings are incomplete: {detail}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="318" />
      <source>The email was sent.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="86" />
      <source>The mail server could not be reached. Check the network and the server name and port in the settings. ({detail})</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="102" />
      <source>The mail server did not accept the email. ({detail})</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="96" />
      <source>The mail server refused the clinic's sender address. Check it in the settings.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="99" />
      <source>The mail server refused the recipient's address. Check the address.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="93" />
      <source>The mail server refused the user name or password. Check them in the settings.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/email_dialog.py" line="208" />
      <source>patient@example.org</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>FinishStep</name>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="285" />
      <source>%1 already exists. Replace it?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="116" />
      <source>&amp;Email to the patient…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="337" />
      <source>An email draft was created: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="108" />
      <source>Consultation record</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="111" />
      <source>Consultation record preview</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="118" />
      <source>Delivery status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="109" />
      <source>Documents</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="248" />
      <source>Done, but it could not be written to the audit log.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="117" />
      <source>Email the patient sheet</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Handout and finish</source>
      <translation type="vanished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="112" />
      <source>P&amp;rint…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="107" />
      <source>Patient sheet</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="106" />
      <source>Patient sheet and finish</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="110" />
      <source>Patient sheet preview</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="113" />
      <source>Print the document shown</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="269" />
      <source>Printed (%1 pages).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="121" />
      <source>Record the points, units and vials actually given</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="119" />
      <source>Record what was &amp;given…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="284" />
      <source>Replace the file?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="208" />
      <source>Review: &lt;b&gt;%1&lt;/b&gt; &amp;nbsp;&amp;nbsp; Earliest re-treatment: &lt;b&gt;%2&lt;/b&gt;</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="114" />
      <source>Save &amp;as…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="279" />
      <source>Save the document in</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="115" />
      <source>Save the document shown to a folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="294" />
      <source>Saved as %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="219" />
      <source>The documents are produced when the consent is sealed or declined.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="291" />
      <source>The file could not be saved: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The patient declined: no treatment, no handout.</source>
      <translation type="vanished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="205" />
      <source>The patient declined: no treatment, no patient sheet.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="329" />
      <source>The patient sheet was emailed (protected).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/finish_step.py" line="331" />
      <source>The patient sheet was emailed.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>FirstRunDialog</name>
    <message>
      <location filename="../../consult_app/ui/dialogs/first_run_dialog.py" line="103" />
      <source>&amp;Address:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/first_run_dialog.py" line="104" />
      <source>&amp;First clinician:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/first_run_dialog.py" line="112" />
      <source>&amp;Later</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/first_run_dialog.py" line="102" />
      <source>&amp;Phone:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/first_run_dialog.py" line="111" />
      <source>&amp;Save</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/first_run_dialog.py" line="101" />
      <source>Clinic &amp;name:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/first_run_dialog.py" line="103" />
      <source>Clinic address</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/first_run_dialog.py" line="101" />
      <source>Clinic name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/first_run_dialog.py" line="102" />
      <source>Clinic phone</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/first_run_dialog.py" line="104" />
      <source>First clinician's name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/first_run_dialog.py" line="95" />
      <source>Printed on every patient sheet and in every email: who to call. You can skip this now and fill it in later under Settings.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/first_run_dialog.py" line="113" />
      <source>Skip for now</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/first_run_dialog.py" line="93" />
      <source>Welcome: your clinic</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>FollowUpController</name>
    <message>
      <location filename="../../consult_app/ui/followup_controller.py" line="137" />
      <source>Follow-up recorded. Note: %1</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>FollowUpDialog</name>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="106" />
      <source>&amp;Add adverse event</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="82" />
      <source>&amp;Date</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="136" />
      <source>&amp;Notes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="102" />
      <source>Adverse events</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="135" />
      <source>C&amp;linician</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="115" />
      <source>Clinician</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="149" />
      <source>Event</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="79" />
      <source>Follow-up date</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="70" />
      <source>Follow-up visit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="117" />
      <source>Notes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="156" />
      <source>Onset</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="107" />
      <source>Re&amp;move adverse event</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="162" />
      <source>Resolved</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="153" />
      <source>Severity</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="93" />
      <source>not recorded</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/followup_dialog.py" line="160" />
      <source>ongoing</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>HistoryTableModel</name>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="114" />
      <source>%1: %2, onset %3, %4</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="130" />
      <source>(reported %1)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="189" />
      <source>Adverse events</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="186" />
      <source>Areas (units)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="183" />
      <source>Date</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="185" />
      <source>Indications</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="184" />
      <source>Product</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="188" />
      <source>Status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="187" />
      <source>Total units</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="146" />
      <source>declined</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="144" />
      <source>deferred</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="143" />
      <source>draft</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="107" />
      <source>mild</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="107" />
      <source>moderate</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="132" />
      <source>none reported</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="111" />
      <source>ongoing</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="109" />
      <source>resolved %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="145" />
      <source>sealed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="107" />
      <source>severe</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/models/history_table_model.py" line="145" />
      <source>treated</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>IndicationsStep</name>
    <message>
      <location filename="../../consult_app/ui/steps/indications_step.py" line="226" />
      <source>&amp;Diagnosis basis, required for therapeutic use (diagnosis, examined by)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/indications_step.py" line="237" />
      <source>Baseline scores</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/indications_step.py" line="244" />
      <source>Choose at least one indication.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/indications_step.py" line="224" />
      <source>Cosmetic</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/indications_step.py" line="228" />
      <source>Diagnosis basis</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/indications_step.py" line="222" />
      <source>Indications and areas</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/indications_step.py" line="233" />
      <source>P&amp;rescriber who examined and authorized, when not the injector (optional)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/indications_step.py" line="235" />
      <source>Prescriber</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/indications_step.py" line="190" />
      <source>Proposed areas: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/indications_step.py" line="223" />
      <source>Therapeutic</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Therapeutic use: the diagnosis basis is required before consent.</source>
      <translation type="vanished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/indications_step.py" line="230" />
      <source>e.g. Chronic migraine (ICHD-3), examined by Dr A. Smith on 2026-10-02</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/indications_step.py" line="236" />
      <source>e.g. Dr P. Raman (neurology)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/indications_step.py" line="149" />
      <source>not recorded</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>InjectionMap</name>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="202" />
      <source>&amp;Units at this point</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="204" />
      <source>Add po&amp;int</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="205" />
      <source>Area and side of the point to add</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="264" />
      <source>Back view: the patient's left is on your left.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="206" />
      <source>Delete poin&amp;t</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="266" />
      <source>Front view: the patient's left is on your right.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="200" />
      <source>Injection map: click a muscle to add a point</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="201" />
      <source>Injection points</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="340" />
      <source>Not on a treatment area: click on a shaded muscle.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="363" />
      <source>Not on a treatment area: the point went back.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="199" />
      <source>Region shown on the map</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="203" />
      <source>Units at the selected point</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="269" />
      <source>left</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="269" />
      <source>midline</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/injection_map.py" line="269" />
      <source>right</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ListsDialog</name>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="102" />
      <source>%1 row(s)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="141" />
      <source>&amp;Due for review or re-treatment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="125" />
      <source>&amp;From</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="123" />
      <source>&amp;Show due</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="127" />
      <source>&amp;To</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="178" />
      <source>CSV files (*.csv)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="139" />
      <source>Consultations that used the lot</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="114" />
      <source>Due list and lot recall</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="84" />
      <source>E&amp;xport CSV…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="178" />
      <source>Export CSV</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="187" />
      <source>Exported to %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="134" />
      <source>Find &amp;lot</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="119" />
      <source>From</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="142" />
      <source>Lot &amp;recall</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="132" />
      <source>Lot number</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="138" />
      <source>Patients due</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="159" />
      <source>The end of the window is before its start.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="185" />
      <source>The file could not be written: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="119" />
      <source>To</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/lists_dialog.py" line="169" />
      <source>Type a lot number.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message numerus="yes">
      <location filename="../../consult_app/ui/main_window.py" line="301" />
      <source>%n patient(s)</source>
      <comment />
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="263" />
      <source>&amp;Due list, lot recall</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="255" />
      <source>&amp;New patient</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="520" />
      <source>Choose a consultation in the history first.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="269" />
      <source>Clinic settings</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="270" />
      <source>Clinic settings (Ctrl+,)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="264" />
      <source>Due list and lot recall</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="259" />
      <source>Find a patient on the left, or create a new one with New patient (Ctrl+N).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="261" />
      <source>Find patient</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="256" />
      <source>New patient</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="297" />
      <source>No patient found.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="297" />
      <source>No patients yet.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="504" />
      <source>No sealed treatment to repeat: start a new consultation.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="547" />
      <source>Not saved yet: the database is still opening.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="557" />
      <source>Not saved: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="563" />
      <source>Not saved: the chart number is already used.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="487" />
      <source>Not started: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="344" />
      <source>Patient details</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="257" />
      <source>Patients</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="266" />
      <source>Patients due for review or re-treatment; consultations that used a lot</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="543" />
      <source>Please correct the fields marked in red.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="568" />
      <source>Saved.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="268" />
      <source>Se&amp;ttings</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="252" />
      <source>Search by name, date of birth (YYYY-MM-DD) or chart number  (Ctrl+F)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="254" />
      <source>Search patients</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../consult_app/ui/main_window.py" line="299" />
      <source>Showing the first %n patients; type more to narrow.</source>
      <comment />
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../consult_app/ui/main_window.py" line="561" />
      <source>This chart number belongs to another patient.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>OutcomesPanel</name>
    <message>
      <location filename="../../consult_app/ui/views/outcomes_panel.py" line="121" />
      <source>%1 over time, %2</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/outcomes_panel.py" line="129" />
      <source>%1% below baseline</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/outcomes_panel.py" line="57" />
      <source>%1: %2 at the latest follow-up (%3), baseline %4 (%5).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/outcomes_panel.py" line="53" />
      <source>%1: no follow-up score against a baseline yet.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/outcomes_panel.py" line="67" />
      <source>At least %1% lower: responding.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/outcomes_panel.py" line="147" />
      <source>Change</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/outcomes_panel.py" line="147" />
      <source>Date</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/outcomes_panel.py" line="156" />
      <source>Follow-up</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/outcomes_panel.py" line="71" />
      <source>Less than %1% lower: not responding so far.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/outcomes_panel.py" line="47" />
      <source>No scores recorded yet.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/outcomes_panel.py" line="95" />
      <source>Outcomes over time</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/outcomes_panel.py" line="153" />
      <source>Scores per visit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/outcomes_panel.py" line="156" />
      <source>Treatment (baseline)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/outcomes_panel.py" line="147" />
      <source>Visit</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>PatientFormWidget</name>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="125" />
      <source>&amp;Allergies</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="123" />
      <source>&amp;Email</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="122" />
      <source>&amp;Phone</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="149" />
      <source>&amp;Save patient</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="121" />
      <source>C&amp;hart number</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="151" />
      <source>Cancel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="35" />
      <source>Contains characters that cannot be stored.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="119" />
      <source>Date of &amp;birth</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="146" />
      <source>English</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="135" />
      <source>Female</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="147" />
      <source>French</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Handout lan&amp;guage</source>
      <translation type="vanished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="136" />
      <source>Male</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="118" />
      <source>Na&amp;me</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="154" />
      <source>New patient</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="31" />
      <source>Not a real date: use YYYY-MM-DD, e.g. 1984-03-09.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="134" />
      <source>Not stated</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="137" />
      <source>Other</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="33" />
      <source>Please check the year.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="29" />
      <source>Required.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="150" />
      <source>Save patient</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="120" />
      <source>Se&amp;x</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="124" />
      <source>Sheet lan&amp;guage</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="32" />
      <source>The date of birth must be in the past.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="34" />
      <source>This does not look like an email address (name@example.org).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="30" />
      <source>Too long.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="130" />
      <source>YYYY-MM-DD</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="132" />
      <source>e.g. penicillin; none known</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/patient_form.py" line="131" />
      <source>name@example.org</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>PatientPage</name>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="130" />
      <source>&amp;Open…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="134" />
      <source>&amp;Resume</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="132" />
      <source>Open the selected past consultation read-only, with its documents</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="143" />
      <source>Outcome scores and adverse events after the last treatment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="140" />
      <source>Record &amp;follow-up…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="141" />
      <source>Record a follow-up visit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="138" />
      <source>Repeat &amp;last treatment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="139" />
      <source>Repeat last treatment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="135" />
      <source>Resume the selected consultation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="162" />
      <source>Saved %1, at: %2</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="136" />
      <source>Start &amp;consultation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="146" />
      <source>Start a consultation with the indications, product and plan of the last one</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="137" />
      <source>Start consultation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="127" />
      <source>Treatment history</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/patient_page.py" line="129" />
      <source>Unfinished consultations</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>PatientTableModel</name>
    <message>
      <location filename="../../consult_app/ui/models/patient_table_model.py" line="77" />
      <source>Chart no.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/models/patient_table_model.py" line="77" />
      <source>Date of birth</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/models/patient_table_model.py" line="77" />
      <source>Name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/models/patient_table_model.py" line="77" />
      <source>Phone</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>PdfPreview</name>
    <message>
      <location filename="../../consult_app/ui/widgets/pdf_preview.py" line="94" />
      <source>Document preview</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/pdf_preview.py" line="86" />
      <source>Fit width</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/pdf_preview.py" line="92" />
      <source>Next page</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/pdf_preview.py" line="169" />
      <source>Page {page} of {count}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/pdf_preview.py" line="90" />
      <source>Previous page</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/pdf_preview.py" line="88" />
      <source>Whole page</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/pdf_preview.py" line="84" />
      <source>Zoom in</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/pdf_preview.py" line="82" />
      <source>Zoom out</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>PlanMap</name>
    <message>
      <location filename="../../consult_app/ui/steps/plan_map.py" line="49" />
      <source>Injection map</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>Printing</name>
    <message>
      <location filename="../../consult_app/ui/printing.py" line="35" />
      <source>The document {name} could not be opened.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/printing.py" line="72" />
      <source>The printer could not be started.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ProductStep</name>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="225" />
      <source> U/mL</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="228" />
      <source>&amp;Add area</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="223" />
      <source>&amp;Dilution</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="217" />
      <source>&amp;Lot number</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="229" />
      <source>Add area</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="233" />
      <source>Area</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="227" />
      <source>Area to add</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="474" />
      <source>Choose the product.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="259" />
      <source>Choose the product...</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="224" />
      <source>Dilution in units per mL</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="220" />
      <source>E&amp;xpiry</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="639" />
      <source>Expired on %1: do not use this vial. Take another one.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="221" />
      <source>Expiry date</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="479" />
      <source>Give the units for every area (or remove it).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="300" />
      <source>Label status (%1, %2)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="235" />
      <source>Left</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="648" />
      <source>Lot %1 was scanned as expired on %2: do not use this vial. Take another one.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="623" />
      <source>Lot %1 was scanned with expiry %2: the date typed contradicts the vial.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="218" />
      <source>Lot number</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="419" />
      <source>Midline</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="296" />
      <source>OFF-LABEL here: disclose it in the consent</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="215" />
      <source>P&amp;roduct</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="477" />
      <source>Plan at least one area.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="216" />
      <source>Product</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="214" />
      <source>Product and dose plan</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="389" />
      <source>Remove %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="236" />
      <source>Right</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="455" />
      <source>Scanned: GTIN %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="237" />
      <source>Sites</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="567" />
      <source>The barcode was misread (GTIN %1 has a wrong check digit): scan it again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="611" />
      <source>The expiry is not a date: use YYYY-MM-DD.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="345" />
      <source>Total: %1 U of %2, %3 mL, %4 sites</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="238" />
      <source>U/site</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="234" />
      <source>Units</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="481" />
      <source>Units are whole or half units.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="381" />
      <source>Units for %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="432" />
      <source>Units for %1, patient's left</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="434" />
      <source>Units for %1, patient's right</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="226" />
      <source>Units per area</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="222" />
      <source>YYYY-MM-DD</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="239" />
      <source>mL/site</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="292" />
      <source>on-label</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/product_step.py" line="219" />
      <source>type, or scan the vial's barcode</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>RecoverDialog</name>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="234" />
      <source>&amp;Open the app</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="235" />
      <source>&amp;Quit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="232" />
      <source>&amp;Restore the newest sound backup</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="140" />
      <source>Anything recorded after %1 is not in the restored database.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="230" />
      <source>Backup of</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="231" />
      <source>Backups</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="253" />
      <source>No backup verifies, so none can be restored.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="242" />
      <source>No: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="267" />
      <source>Nothing was restored: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="233" />
      <source>Restore the newest sound backup</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="284" />
      <source>Restored the backup of %1.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="230" />
      <source>Size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="160" />
      <source>The audit anchor of %1 shows entries up to no. %2 that are not restored.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="153" />
      <source>The damaged file cannot be read, so the lost consultations cannot be listed: check the day's paper notes and records for anything after that time.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="150" />
      <source>The damaged file shows no consultation recorded after the backup.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="273" />
      <source>The damaged file was kept as %1.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="224" />
      <source>The database cannot be used: %1

Nothing has been written to it. Restore the newest backup that verifies: the damaged file is kept aside (never deleted), and you will see what, if anything, must be entered again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="222" />
      <source>The database is damaged</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="278" />
      <source>The restored database verifies.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="251" />
      <source>There is no backup in the backup folder.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="143" />
      <source>These consultations were recorded after the backup and must be entered again:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="230" />
      <source>Verifies</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="280" />
      <source>Warning: the restored database does not verify: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/recover_dialog.py" line="242" />
      <source>Yes</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>RisksStep</name>
    <message>
      <location filename="../../consult_app/ui/steps/risks_step.py" line="216" />
      <source>%1 item(s) still to discuss.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/risks_step.py" line="96" />
      <source>&amp;Tick all as discussed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/risks_step.py" line="210" />
      <source>Complete the earlier steps first.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/risks_step.py" line="241" />
      <source>Discussed: %1 of %2</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/risks_step.py" line="90" />
      <source>Go through each item with the patient and tick it once discussed (Space ticks, Down moves to the next).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/risks_step.py" line="98" />
      <source>Patient's &amp;questions and the answers given:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/risks_step.py" line="99" />
      <source>Patient's questions and the answers given</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/risks_step.py" line="95" />
      <source>Risks and counselling points to discuss</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/risks_step.py" line="88" />
      <source>Risks discussed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/risks_step.py" line="127" />
      <source>This patient's counselling points</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/risks_step.py" line="97" />
      <source>Tick all as discussed</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ScreeningStep</name>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="306" />
      <source>&amp;Record deferral</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="103" />
      <source>(last time: %1; ask again)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="481" />
      <source>Answer every question with yes or no.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="386" />
      <source>CAUTION: a reason is written for each caution; you may go on.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="379" />
      <source>CAUTION: write a reason for each caution below to go on.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="466" />
      <source>Complete steps 2 and 3 first.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="322" />
      <source>Complete the indications and the product plan first.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="397" />
      <source>Deferral recorded. Letter: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="305" />
      <source>Findings</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="378" />
      <source>INCOMPLETE: answer every question (unsure counts as unanswered).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="81" />
      <source>No</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="82" />
      <source>No (N)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="354" />
      <source>None so far.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="354" />
      <source>None.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="558" />
      <source>Not recorded: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="380" />
      <source>PROCEED: no contraindication found.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="88" />
      <source>Press Y, N or U to answer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="340" />
      <source>Question %1 of %2 answered. Keys: Y yes, N no, U unsure; Up/Down to move.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="178" />
      <source>Reason for going on despite: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="307" />
      <source>Record deferral and write the letter</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="474" />
      <source>STOP: record the deferral; this treatment cannot be planned today.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="470" />
      <source>STOP: the deferral is recorded and its letter written; this treatment cannot be planned today.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="377" />
      <source>STOP: treatment cannot go ahead today. Record the deferral.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="384" />
      <source>STOP: treatment cannot go ahead today. The deferral is recorded.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="304" />
      <source>Screening</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="477" />
      <source>This consultation was left more than a day ago: ask the screening questions again (last answers are shown, not counted).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="81" />
      <source>Unsure</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="82" />
      <source>Unsure (U)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="194" />
      <source>Use last visit's: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="196" />
      <source>Use the reason given at the last visit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="215" />
      <source>Verdict</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="179" />
      <source>Why is it safe to go on? (printed in the record)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="483" />
      <source>Write a reason for each caution (at least 2 words and 12 characters).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="81" />
      <source>Yes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/steps/screening_step.py" line="82" />
      <source>Yes (Y)</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="254" />
      <source>&amp;Address:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="274" />
      <source>&amp;Backups kept:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="256" />
      <source>&amp;Email:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="261" />
      <source>&amp;Jurisdiction:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="298" />
      <source>&amp;Logo:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="253" />
      <source>&amp;Name:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="255" />
      <source>&amp;Phone:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="283" />
      <source>&amp;Server:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="286" />
      <source>&amp;User name:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="257" />
      <source>C&amp;linicians:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="302" />
      <source>Choose the logo file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="301" />
      <source>Choose…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="249" />
      <source>Clinic</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="254" />
      <source>Clinic address</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="256" />
      <source>Clinic email</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="413" />
      <source>Clinic logo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="253" />
      <source>Clinic name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="255" />
      <source>Clinic phone</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="248" />
      <source>Clinic settings</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="257" />
      <source>Clinicians</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="285" />
      <source>Connection security</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="280" />
      <source>Date &amp;format:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Default handout language</source>
      <translation type="vanished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="269" />
      <source>Default patient sheet language</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Handout lan&amp;guage:</source>
      <translation type="vanished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="281" />
      <source>How the clinic writes dates</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="413" />
      <source>Images (*.png *.jpg *.jpeg)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="262" />
      <source>Jurisdiction</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="300" />
      <source>Logo file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="288" />
      <source>Mail password</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="283" />
      <source>Mail server host</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="284" />
      <source>Mail server port</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="286" />
      <source>Mail user name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="275" />
      <source>Number of backups kept</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="305" />
      <source>One name per line</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="251" />
      <source>Outgoing mail (SMTP)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="284" />
      <source>P&amp;ort:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="264" />
      <source>Page si&amp;ze:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="264" />
      <source>Page size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="288" />
      <source>Pass&amp;word:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="268" />
      <source>Patient sheet lan&amp;guage:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="250" />
      <source>Practice and documents</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="303" />
      <source>Pro&amp;tect emailed sheets with the date of birth</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="304" />
      <source>Protect emailed sheets with the date of birth</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="315" />
      <source>Save or cancel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="285" />
      <source>Se&amp;curity:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="287" />
      <source>Sen&amp;der:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="287" />
      <source>Sender address</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="314" />
      <source>Settings errors</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="309" />
      <source>The password is kept in the system keyring, or for this session only when there is none; it is never stored in the database.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="306" />
      <source>standard</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/dialogs/settings_dialog.py" line="307" />
      <source>unchanged</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>SignaturePad</name>
    <message>
      <location filename="../../consult_app/ui/widgets/signature_pad.py" line="81" />
      <source>Sign here with a finger, a pen or the mouse.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/signature_pad.py" line="80" />
      <source>Signature pad</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/widgets/signature_pad.py" line="127" />
      <source>The signature is empty.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>Startup</name>
    <message>
      <location filename="../../consult_app/app/gui.py" line="277" />
      <source>&amp;Not now</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>UnfinishedView</name>
    <message>
      <location filename="../../consult_app/ui/views/unfinished_view.py" line="63" />
      <source>%1, left %2</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/unfinished_view.py" line="55" />
      <source>Unfinished consultations</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../consult_app/ui/views/unfinished_view.py" line="56" />
      <source>Unfinished consultations of every patient</source>
      <translation type="unfinished" />
    </message>
  </context>
</TS>
