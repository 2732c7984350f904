//! Messages for the user as a key plus typed parameters, worded at the edge.
//!
//! The core never builds a sentence for the user: an error or a finding carries a [`Message`]
//! (a [`Key`] and named [`Param`]s). The texts live in ONE catalogue per language,
//! `src-tauri/core/messages/sv.json` and `en.json` (key → template with `{param}`
//! placeholders), embedded here and imported as they are by the UI, which renders them in the
//! window's language (`ui/src/i18n/backend-messages.ts`). [`Message::render`] is the Rust edges'
//! renderer (the CLI and `Display` print Swedish).
//!
//! Each key declares the names of its parameters (the `keys!` list below); the tests check that
//! every key has a template in both languages whose placeholders are exactly those names, and
//! rendering a message whose parameters do not match its key is an error
//! ([`Message::try_render`]). No template or log line ever holds a personnummer, a name or a
//! phone number; parameters that can hold FK's own words are `Text`.

use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// The Swedish month names, January first (the catalogue's dates; also `YearMonth`'s Swedish name).
pub(crate) const MONTHS_SV: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// A language the catalogue has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Locale {
    Sv,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Sv, Locale::En];
}

macro_rules! keys {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal [$($param:ident),*] ),* $(,)?) => {
        /// The key of a message in the catalogue. On the wire: its dotted name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Key {
            $( $(#[$doc])* $variant ),*
        }

        impl Key {
            /// Every key, for the catalogue's tests.
            pub const ALL: &'static [Key] = &[$(Key::$variant),*];

            /// The dotted name, the catalogue's key.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Key::$variant => $name),*
                }
            }

            /// The names of the parameters the key's templates use.
            pub fn params(self) -> &'static [&'static str] {
                match self {
                    $(Key::$variant => &[$(stringify!($param)),*]),*
                }
            }
        }
    };
}

keys! {
    // Fixed texts of the core's errors.
    StorageFailed = "error.storage" [],
    FileFailed = "error.io" [],
    DatabaseCorrupt = "error.database_corrupt" [],
    DatabaseTooNew = "error.database_too_new" [found, supported],
    DatabaseKeyMissing = "error.database_key_missing" [],
    DatabaseKeyWrong = "error.database_key_wrong" [],
    ReportInOutbox = "error.report_in_outbox" [],
    Internal = "error.internal" [],
    SimulatorFailed = "error.simulator_failed" [],
    // What a NotFound could not find.
    HouseholdNotFound = "not_found.household" [],
    AssistantNotFound = "not_found.assistant" [],
    ShiftNotFound = "not_found.shift" [],
    TimeReportNotFound = "not_found.time_report" [],
    InvoiceNotFound = "not_found.invoice" [],
    SigningSessionNotFound = "not_found.signing_session" [],
    // Identity numbers.
    PersonnummerEmpty = "id.personnummer_empty" [],
    OrganisationsnummerEmpty = "id.organisationsnummer_empty" [],
    PersonnummerLength = "id.personnummer_length" [],
    OrganisationsnummerLength = "id.organisationsnummer_length" [],
    PersonnummerDigits = "id.personnummer_digits" [],
    OrganisationsnummerDigits = "id.organisationsnummer_digits" [],
    PersonnummerNoSuchDate = "id.personnummer_no_such_date" [],
    PersonnummerBirthInFuture = "id.personnummer_birth_in_future" [],
    PersonnummerCheckDigit = "id.personnummer_check_digit" [],
    OrganisationsnummerCheckDigit = "id.organisationsnummer_check_digit" [],
    OrganisationsnummerThirdDigit = "id.organisationsnummer_third_digit" [],
    OrganisationsnummerPrefix = "id.organisationsnummer_prefix" [],
    // A shift as typed (sheet.rs).
    ShiftStartUnreadable = "shift.start_unreadable" [],
    ShiftEndUnreadable = "shift.end_unreadable" [],
    ShiftKindMissing = "shift.kind_missing" [],
    ShiftTooLong = "shift.too_long" [],
    ShiftNoteTooLong = "shift.note_too_long" [max],
    ShiftAlreadyExists = "shift.already_exists" [],
    ScheduleOtherAssistant = "shift.schedule_other_assistant" [],
    // Settings, demo mode, endpoints (timbok.rs, installation.rs, services.rs).
    DemoOnly = "settings.demo_only" [],
    DemoEndpointsFixed = "settings.demo_endpoints_fixed" [],
    DemoHasNoCredentials = "settings.demo_has_no_credentials" [],
    DemoConnectionSimulated = "settings.demo_connection_simulated" [],
    EndpointsNotSaved = "settings.endpoints_not_saved" [],
    EnvironmentFileDamaged = "settings.environment_file_damaged" [],
    ErakKeyMissing = "settings.erak_key_missing" [],
    AutomaticBackupGone = "backup.automatic_gone" [],
    // The keyring and credentials.
    NoRandomKey = "keyring.no_random_key" [],
    NoRandom = "keyring.no_random" [],
    CredentialTooLong = "credentials.too_long" [],
    // The app's own reading of IPC arguments.
    IpcEnvironmentChoice = "ipc.environment_choice" [],
    IpcSigningDevice = "ipc.signing_device" [],
    IpcBackupFileIncomplete = "ipc.backup_file_incomplete" [],
    IpcCredentialUnknown = "ipc.credential_unknown" [],
    IpcCertificateFileMissing = "ipc.certificate_file_missing" [],
    IpcFileIncomplete = "ipc.file_incomplete" [],
    IpcFieldEmpty = "ipc.field_empty" [],
    IpcSignerRoleMissing = "ipc.signer_role_missing" [],
    IpcEmploymentMissing = "ipc.employment_missing" [],
    IpcDateFormat = "ipc.date_format" [],
    IpcMonthFormat = "ipc.month_format" [],
    IpcTimeFormat = "ipc.time_format" [],
    MonthNotOverLock = "reports.month_not_over_lock" [from],
    MonthNotOverPrint = "reports.month_not_over_print" [from],
    MonthHasErrorsLock = "reports.month_has_errors_lock" [],
    MonthHasErrorsPrint = "reports.month_has_errors_print" [],
    ErakUnavailable = "invoice.erak_unavailable" [status],
    KeyringLocked = "keyring.locked" [],
    KeyringNotAnswering = "keyring.not_answering" [],
    KeyringFailed = "keyring.failed" [reason],
    InvoiceAlreadyWaiting = "invoice.already_waiting" [],
    InvoiceAlreadyReceived = "invoice.already_received" [],
    InvoiceNotWaiting = "invoice.not_waiting" [],
    ErakTimeout = "invoice.erak_timeout" [],
    ErakKeyRefused = "invoice.erak_key_refused" [],
    InvoiceWaitingLocked = "invoice.waiting_locked" [],
    InvoiceReceivedLocked = "invoice.received_locked" [],
    SignerMissing = "household.signer_missing" [who],
    SignerIsPerson = "household.signer_is_person" [who],
    ProviderMissing = "household.provider_missing" [],
    GrantedHoursRange = "household.granted_hours_range" [min, max],
    SamordningsnummerCannotSign = "household.samordningsnummer_cannot_sign" [who],
    ProviderNameMissing = "household.provider_name_missing" [],
    TextTooLong = "household.text_too_long" [label, max],
    TextControlChars = "household.text_control_chars" [label],
    LabelProviderName = "label.provider_name" [],
    LabelContactPerson = "label.contact_person" [],
    LabelEmployerName = "label.employer_name" [],
    EmployerKindMissing = "household.employer_kind_missing" [],
    PeriodStartUnreadable = "household.period_start_unreadable" [],
    PeriodWeeksAgreement = "household.period_weeks_agreement" [max],
    PeriodWeeksLaw = "household.period_weeks_law" [max],
    FirstName = "label.first_name" [],
    LastName = "label.last_name" [],
    NameMissing = "household.name_missing" [who, part],
    NameTooLong = "household.name_too_long" [who, part, max],
    NameControlChars = "household.name_control_chars" [who, part],
    PhoneCharacters = "household.phone_characters" [who],
    PhoneDigits = "household.phone_digits" [who],
    PhoneTooLong = "household.phone_too_long" [who, max],
    WhoPerson = "who.person" [],
    WhoVardnadshavare = "who.vardnadshavare" [],
    WhoGodMan = "who.god_man" [],
    WhoForvaltare = "who.forvaltare" [],
    WhoSigner = "who.signer" [],
    WhoAssistant = "who.assistant" [],
    WhoProvider = "who.provider" [],
    WhoPersonOwner = "who.person_owner" [],
    WhoVardnadshavareOwner = "who.vardnadshavare_owner" [],
    WhoGodManOwner = "who.god_man_owner" [],
    WhoForvaltareOwner = "who.forvaltare_owner" [],
    WhoSignerOwner = "who.signer_owner" [],
    WhoAssistantOwner = "who.assistant_owner" [],
    WhoProviderOwner = "who.provider_owner" [],
    UrlMissing = "endpoints.url_missing" [service],
    UrlUnreadable = "endpoints.url_unreadable" [service, example],
    UrlNotHttps = "endpoints.url_not_https" [service],
    UrlHasCredentials = "endpoints.url_has_credentials" [service],
    UrlHasQuery = "endpoints.url_has_query" [service],
    UrlOnlyOrigin = "endpoints.url_only_origin" [service, example],
    KeyHeaderCharacters = "endpoints.key_header_characters" [default],
    EndpointTextTooLong = "endpoints.text_too_long" [max],
    EndpointTextControlChars = "endpoints.text_control_chars" [],
    SupplierNameMissing = "endpoints.supplier_name_missing" [],
    SupplierIdMissing = "endpoints.supplier_id_missing" [],
    ServiceErak = "service.erak" [],
    ServiceSigningPage = "service.signing_page" [],
    ServiceElt = "service.elt" [],
    ServiceBankid = "service.bankid" [],
    // The network side: connection test, transports, clients (h-transport).
    CaUnreadable = "connection.ca_unreadable" [],
    CaMissing = "connection.ca_missing" [],
    NoTrustStore = "connection.no_trust_store" [],
    CertificateFileMissing = "connection.certificate_file_missing" [service],
    CertificatePassphraseMissing = "connection.certificate_passphrase_missing" [service],
    CertificateKeyUnusable = "connection.certificate_key_unusable" [],
    ConnectionSetupFailed = "connection.setup_failed" [],
    ConnectionErakKeyMissing = "connection.erak_key_missing" [],
    ConnectionKeyCharacters = "connection.key_characters" [],
    ConnectionErakOk = "connection.erak_ok" [],
    ConnectionErakKeyRefused = "connection.erak_key_refused" [],
    ConnectionEltCertificateMissing = "connection.elt_certificate_missing" [],
    ConnectionEltOk = "connection.elt_ok" [],
    ConnectionBankidOk = "connection.bankid_ok" [],
    ConnectionNotBankid = "connection.not_bankid" [],
    ConnectionUnexpectedStatus = "connection.unexpected_status" [service, status],
    ConnectionTimeout = "connection.timeout" [service, seconds],
    ConnectionUnreachable = "connection.unreachable" [service],
    ConnectionServerCertificate = "connection.server_certificate" [service],
    ConnectionEltRefused = "connection.elt_refused" [],
    ConnectionBankidRefused = "connection.bankid_refused" [],
    ConnectionFailed = "connection.failed" [service],
    EltCertificateMissing = "services.elt_certificate_missing" [],
    EltUrlUnreadable = "elt.url_unreadable" [],
    EltUrlNotHttps = "elt.url_not_https" [],
    ErakUrlUnreadable = "erak.url_unreadable" [],
    ErakUrlNotHttps = "erak.url_not_https" [],
    ErakNoAnswer = "erak.timeout" [],
    ErakUnreachable = "erak.unreachable" [],
    ErakUnauthorized = "erak.unauthorized" [],
    ErakUnknownFingerprint = "erak.unknown_fingerprint" [],
    ErakNotAnswering = "erak.unavailable" [status],
    ErakUnreadableReply = "erak.unreadable_reply" [status],
    ErakReplyTooLarge = "erak.reply_too_large" [status],
    ErakKeyHeaderUnusable = "erak.key_header_unusable" [],
    ErakKeyUnsendable = "erak.key_characters" [],
    BankidPendingQr = "bankid.pending_qr" [],
    BankidPendingAutostart = "bankid.pending_autostart" [],
    BankidStarted = "bankid.started" [],
    BankidUserMrtd = "bankid.user_mrtd" [],
    BankidUserCallConfirm = "bankid.user_call_confirm" [],
    BankidUserSign = "bankid.user_sign" [],
    BankidPending = "bankid.pending" [],
    BankidExpired = "bankid.expired" [],
    BankidCertificateErr = "bankid.certificate_err" [],
    BankidUserCancel = "bankid.user_cancel" [],
    BankidCancelled = "bankid.cancelled" [],
    BankidStartFailedQr = "bankid.start_failed_qr" [],
    BankidStartFailedHere = "bankid.start_failed_here" [],
    BankidUserDeclinedCall = "bankid.user_declined_call" [],
    BankidNotSupported = "bankid.not_supported" [],
    BankidRiskBlocked = "bankid.risk_blocked" [],
    BankidFailed = "bankid.failed" [],
    BankidTimeout = "bankid.timeout" [seconds],
    BankidUnreachable = "bankid.unreachable" [],
    BankidServerCertificate = "bankid.server_certificate" [],
    BankidConnectionFailed = "bankid.connection_failed" [],
    BankidAlreadyInProgress = "bankid.rp_already_in_progress" [],
    BankidInvalidParameters = "bankid.rp_invalid_parameters" [],
    BankidUnauthorized = "bankid.rp_unauthorized" [],
    BankidNotFound = "bankid.rp_not_found" [],
    BankidRetriesUsed = "bankid.rp_retries_used" [],
    BankidMaintenance = "bankid.rp_maintenance" [],
    BankidCallNotUnderstood = "bankid.rp_not_understood" [],
    BankidRpError = "bankid.rp_error" [],
    BankidUnexpectedAnswer = "bankid.unexpected_answer" [status],
    BankidMalformedAnswer = "bankid.malformed_answer" [status],
    BankidTooLarge = "bankid.too_large" [status],
    BankidUnknownSession = "bankid.unknown_session" [],
    BankidTextEmpty = "bankid.text_empty" [],
    BankidTextTooLong = "bankid.text_too_long" [],
    SigningComplete = "signing.complete" [],
    SigningCancelled = "signing.cancelled" [],
    ListenerOriginInvalid = "listener.origin_invalid" [],
    ListenerMisconfigured = "listener.misconfigured" [detail],
    ListenerNoPort = "listener.no_port" [],
    ListenerNoRandom = "listener.no_random" [],
    ListenerDoneTitle = "listener.done_title" [],
    ListenerDoneHeading = "listener.done_heading" [],
    ListenerDoneText = "listener.done_text" [],
    ListenerBackTitle = "listener.back_title" [],
    ListenerBackHeading = "listener.back_heading" [],
    ListenerBackText = "listener.back_text" [],
    ListenerGoneTitle = "listener.gone_title" [],
    ListenerGoneText = "listener.gone_text" [],
    ListenerIncompleteTitle = "listener.incomplete_title" [],
    ListenerIncompleteText = "listener.incomplete_text" [],
    ListenerInvalidTitle = "listener.invalid_title" [],
    ListenerInvalidText = "listener.invalid_text" [],
    ListenerStatusCheck = "listener.status_check" [],
    ListenerNotFound = "listener.not_found" [],
    ListenerGone = "listener.gone" [],
    ListenerWrongHost = "listener.wrong_host" [],
    ListenerTooLarge = "listener.too_large" [],
    ListenerWrongType = "listener.wrong_type" [],
    ListenerBadRequest = "listener.bad_request" [],
    ListenerRefused = "listener.refused" [],
    ShiftTooLongStored = "shift.too_long_stored" [],
    ScheduleUnreadable = "shift.schedule_unreadable" [],
    ReportAlreadyLocked = "reports.already_locked" [],
    ReportBeingSent = "reports.being_sent" [],
    ReportCannotResend = "reports.cannot_resend" [],
    ReportCannotMarkReceived = "reports.cannot_mark_received" [],
    ReportNotOnPaper = "reports.not_on_paper" [],
    AssistantDuplicate = "household.assistant_duplicate" [],
    AssistantCannotSignBankid = "reports.assistant_cannot_sign_bankid" [],
    ReportLockFirst = "reports.lock_first" [],
    AssistantAlreadySigned = "reports.assistant_already_signed" [],
    NothingForEmployerToSign = "reports.nothing_for_employer" [],
    ReportChangedWhileSigning = "reports.changed_while_signing" [],
    NothingSignedByBoth = "reports.nothing_signed_by_both" [],
    ErakKeyCharacters = "credentials.erak_key_characters" [],
    P12TooLarge = "credentials.p12_too_large" [],
    StoredPassphraseWrong = "credentials.stored_passphrase_wrong" [],
    PassphraseUnusable = "credentials.passphrase_unusable" [],
    PassphraseWrong = "credentials.passphrase_wrong" [],
    KeyringTooLarge = "keyring.too_large" [],
    P12Empty = "credentials.p12_empty" [],
    DraftDayOutsideMonth = "month.draft_day_outside_month" [date, month],
    DraftTooLong = "month.draft_too_long" [max],
    AssistantHasShifts = "household.assistant_has_shifts" [shifts],
    // Findings of the month (hours/findings.rs) and daylight-saving notes (hours/totals.rs).
    FindingEndNotAfterStart = "finding.end_not_after_start" [shift],
    FindingOutsideMonth = "finding.outside_month" [shift, month],
    FindingInFuture = "finding.in_future" [shift, today],
    FindingInvalidId = "finding.invalid_id" [],
    FindingOverlap = "finding.overlap" [shift, other],
    FindingDoubleAssistance = "finding.double_assistance" [together],
    FindingAboveGrantedHours = "finding.above_granted_hours" [month, total, granted],
    FindingDuringHospitalStay = "finding.during_hospital_stay" [shift, inside, stays],
    FindingDuringActivity = "finding.during_activity" [shift, inside, activity, period],
    FindingLssActivity = "finding.lss_activity" [],
    FindingWorkingTimeWeekAverage = "finding.working_time_week_average" [first, last, total, average],
    FindingOvertime4Weeks = "finding.overtime_4_weeks" [first, last, overtime, limit],
    FindingOvertimeYear = "finding.overtime_year" [year, overtime, week],
    ActivityBarnomsorg = "activity.barnomsorg" [],
    ActivitySkola = "activity.skola" [],
    ActivityDagligVerksamhet = "activity.daglig_verksamhet" [],
    DstNonexistent = "dst.nonexistent" [row, times, actual, wall],
    DstAmbiguousWithin = "dst.ambiguous_within" [row, times, actual, wall],
    DstAmbiguousStart = "dst.ambiguous_start" [row, times, actual, wall, time],
    DstAmbiguousEnd = "dst.ambiguous_end" [row, times, actual, wall, time],
    // The invoice's questions as checked (invoice/check.rs) and typed amounts (invoice/money.rs).
    InvoiceOutsideEeaMissing = "invoice_check.outside_eea_missing" [],
    InvoiceLastMonthMissing = "invoice_check.last_month_missing" [],
    InvoiceRepaymentMissing = "invoice_check.repayment_missing" [],
    InvoiceCheckFailed = "invoice_check.failed" [],
    InvoiceFkRefusedField = "invoice_check.fk_refused_field" [],
    InvoiceLssMissing = "invoice_check.lss_missing" [],
    InvoiceLssKindsMissing = "invoice_check.lss_kinds_missing" [],
    InvoiceHospitalMissing = "invoice_check.hospital_missing" [],
    InvoiceStaysMissing = "invoice_check.stays_missing" [],
    InvoiceStayEndBeforeStart = "invoice_check.stay_end_before_start" [],
    InvoiceDateTimeFormat = "invoice_check.date_time_format" [],
    InvoiceNoSuchDate = "invoice_check.no_such_date" [],
    InvoiceTimeRange = "invoice_check.time_range" [],
    InvoiceTimeNonexistent = "invoice_check.time_nonexistent" [],
    InvoicePreviousMissing = "invoice_check.previous_missing" [],
    InvoicePreviousRemainingMissing = "invoice_check.previous_remaining_missing" [],
    InvoicePhoneMissing = "invoice_check.phone_missing" [],
    InvoicePhoneInvalid = "invoice_check.phone_invalid" [],
    InvoiceWagesMissing = "invoice_check.wages_missing" [],
    InvoiceOverheadsMissing = "invoice_check.overheads_missing" [],
    InvoiceTrainingMissing = "invoice_check.training_missing" [],
    InvoiceWorkEnvironmentMissing = "invoice_check.work_environment_missing" [],
    InvoiceDateFormat = "invoice_check.date_format" [],
    InvoicePeriodFromMissing = "invoice_check.period_from_missing" [],
    InvoicePeriodToMissing = "invoice_check.period_to_missing" [],
    InvoicePeriodEndBeforeStart = "invoice_check.period_end_before_start" [],
    InvoiceMoneyLeftMissing = "invoice_check.money_left_missing" [],
    InvoiceMoneyLeftAmountMissing = "invoice_check.money_left_amount_missing" [],
    InvoiceMoneyLeftZero = "invoice_check.money_left_zero" [],
    InvoiceSignerRoleMissing = "invoice_check.signer_role_missing" [],
    InvoiceSignerNameMissing = "invoice_check.signer_name_missing" [],
    InvoiceSignerNameOneLine = "invoice_check.signer_name_one_line" [],
    InvoiceSignerIsPerson = "invoice_check.signer_is_person" [],
    InvoiceMonthNotOver = "invoice_check.month_not_over" [month, from],
    InvoiceStayOutsideMonth = "invoice_check.stay_outside_month" [month],
    InvoiceStayFromMissing = "invoice_check.stay_from_missing" [],
    InvoiceStayToMissing = "invoice_check.stay_to_missing" [],
    InvoicePeriodOutsideMonth = "invoice_check.period_outside_month" [month],
    InvoiceSignerNameTooLong = "invoice_check.signer_name_too_long" [max],
    AmountEmpty = "amount.empty" [],
    AmountNegative = "amount.negative" [],
    AmountTooManyDecimals = "amount.too_many_decimals" [],
    AmountTooLarge = "amount.too_large" [],
    AmountNotAnAmount = "amount.not_an_amount" [],
    // Backups, environments, blankett 3059 and the day-text syntax (error.rs words the leaves).
    BackupPassphraseTooShort = "backup.passphrase_too_short" [min],
    BackupPassphrasesDiffer = "backup.passphrases_differ" [],
    BackupWrongPassphrase = "backup.wrong_passphrase" [],
    BackupDamaged = "backup.damaged" [],
    BackupTooNew = "backup.too_new" [found],
    BackupKeyMissing = "backup.key_missing" [],
    BackupOtherEnvironment = "backup.other_environment" [found, expected],
    BackupNothingToBackUp = "backup.nothing_to_back_up" [],
    EnvironmentDemo = "environment.demo" [],
    EnvironmentFkTest = "environment.fk_test" [],
    EnvironmentProduction = "environment.production" [],
    BlankettMissing = "blankett.missing" [],
    BlankettNotPdf = "blankett.not_pdf" [],
    BlankettUnknownVersion = "blankett.unknown_version" [version],
    BlankettTooLong = "blankett.too_long" [label],
    BlankettTooManyPeriods = "blankett.too_many_periods" [count],
    BlankettWriteFailed = "blankett.write_failed" [],
    DayTextFormat = "day_text.format" [part],
    DayTextTime = "day_text.time" [part],
    DayTextKind = "day_text.kind" [part],
    // Import files (import.rs, store/import.rs; h-msgb).
    ImportAssistantPersonnummer = "import.assistant_personnummer" [problem],
    ImportStartFormat = "import.start_format" [],
    ImportEndFormat = "import.end_format" [],
    ImportKindUnknown = "import.kind_unknown" [],
    ImportEndNotAfterStart = "import.end_not_after_start" [],
    ImportShiftTooLong = "import.shift_too_long" [],
    ImportLineUnreadable = "import.line_unreadable" [],
    ImportFieldCount = "import.field_count" [count],
    ImportNoShifts = "import.no_shifts" [],
    ImportJsonInvalid = "import.json_invalid" [detail, line, column],
    ImportSignerRoleUnknown = "import.signer_role_unknown" [],
    ImportEmploymentUnknown = "import.employment_unknown" [],
    ImportHouseholdNeedsPerson = "import.household_needs_person" [],
    ImportSamePersonnummer = "import.same_personnummer" [other],
    ImportOverlapLine = "import.overlap_line" [line],
    ImportOverlapPath = "import.overlap_path" [path],
    ImportOverlapFile = "import.overlap_file" [],
    ImportOtherPerson = "import.other_person" [],
    ImportAssistantUnknown = "import.assistant_unknown" [],
    ImportOverlapStored = "import.overlap_stored" [],
    ImportRejected = "import.rejected" [count],
    ImportAtLine = "import.at_line" [line, problem],
    ImportRejectedList = "import.rejected_list" [problems],
    // Stored times and credential files (store/mod.rs, credentials, pkcs12.rs; h-msgb).
    TimeWholeMinutes = "shift.time_whole_minutes" [],
    TimeYearRange = "shift.time_year_range" [],
    SealedKeyMissing = "credentials.sealed_key_missing" [],
    SealedUnreadable = "credentials.sealed_unreadable" [],
    P12NotPkcs12 = "credentials.not_pkcs12" [],
    P12PassphraseWrong = "credentials.p12_passphrase_wrong" [],
    P12NoKey = "credentials.p12_no_key" [],
    // The invoice desk's stored messages (invoice/desk.rs; h-msga).
    InvoiceDeskReceived = "invoice_desk.received" [],
    InvoiceDeskWaiting = "invoice_desk.waiting" [],
    InvoiceDeskRefusedByCheck = "invoice_desk.refused_by_check" [],
    InvoiceDeskRefusedByFk = "invoice_desk.refused_by_fk" [],
    InvoiceDeskCancelledAtFk = "invoice_desk.cancelled_at_fk" [],
    InvoiceDeskExpired = "invoice_desk.expired" [],
    InvoiceDeskCancelledInTimbok = "invoice_desk.cancelled_in_timbok" [],
    InvoiceDeskUnknownAtFk = "invoice_desk.unknown_at_fk" [],
    InvoiceDeskStoppedWaiting = "invoice_desk.stopped_waiting" [],
    InvoiceDeskReportedReceived = "invoice_desk.reported_received" [],
    InvoiceDeskReportedCancelled = "invoice_desk.reported_cancelled" [],
    InvoiceDeskReportedExpired = "invoice_desk.reported_expired" [],
    // A BankID signature by someone else than the report names (reports/signing.rs; h-msga).
    SigningWrongSigner = "signing_check.wrong_signer" [],
    // ELT's outcomes of a send (elt/client.rs; h-msga).
    EltOutcomeSent = "elt_outcome.sent" [tx_id],
    EltOutcomeRejected = "elt_outcome.rejected" [what, explanation],
    EltOutcomeRejectedSilent = "elt_outcome.rejected_silent" [what],
    EltRefusedData = "elt_outcome.refused_data" [],
    EltRefusedSignatures = "elt_outcome.refused_signatures" [],
    EltRefusedOther = "elt_outcome.refused_other" [],
    EltOutcomeRateLimited = "elt_outcome.rate_limited" [],
    EltOutcomeNotSent = "elt_outcome.not_sent" [reason],
    EltOutcomeUncertain = "elt_outcome.uncertain" [reason],
    EltOutcomeTooLarge = "elt_outcome.too_large" [status],
    EltOutcomeUnreadable = "elt_outcome.unreadable" [status],
    EltReasonUnbuildable = "elt_reason.unbuildable" [],
    EltReasonServerCertificate = "elt_reason.server_certificate" [],
    EltReasonRefused = "elt_reason.refused" [],
    EltReasonUnreachable = "elt_reason.unreachable" [],
    EltReasonTimeout = "elt_reason.timeout" [],
    EltReasonBroken = "elt_reason.broken" [],
    EltReasonUnavailable = "elt_reason.unavailable" [],
    EltReasonNoTxId = "elt_reason.no_tx_id" [],
    // The outbox's own problems (outbox.rs; h-msga).
    OutboxInterrupted = "outbox.interrupted" [],
    OutboxSignatureMissing = "outbox.signature_missing" [],
    // The tidredovisning document's errors, the invoice desk's last texts (h-core14).
    DocumentEmployerPhoneMissing = "document.employer_phone_missing" [who],
    DocumentPhoneTooShort = "document.phone_too_short" [field],
    DocumentSignerMissing = "document.signer_missing" [who],
    DocumentProviderMissing = "document.provider_missing" [],
    DocumentNoEmployerForAssistant = "document.no_employer_for_assistant" [],
    DocumentMonthNotEnded = "document.month_not_ended" [month, earliest],
    DocumentRowOutsideMonth = "document.row_outside_month" [date, month],
    DocumentRowNotAfterStart = "document.row_not_after_start" [date, from, to],
    DocumentRowsOverlap = "document.rows_overlap" [date, first, second],
    DocumentUnwritableText = "document.unwritable_text" [field],
    LabelEmployerPhone = "label.employer_phone" [],
    LabelAssistantPhone = "label.assistant_phone" [],
    LabelProviderPhone = "label.provider_phone" [],
    LabelAFirstName = "label.a_first_name" [],
    LabelALastName = "label.a_last_name" [],
    LabelAPhone = "label.a_phone" [],
    InvoiceDeskNoRuntime = "invoice_desk.no_runtime" [],
    InvoiceOnlyFinalReported = "invoice_desk.only_final_reported" [],
    // The invoice's Ja/Nej questions (invoice/questions.rs; h-words): asking "du" when the
    // person with assistance answers, naming `person` (their first name) when someone else does.
    QuestionLssActivity = "invoice_question.lss_activity" [],
    QuestionHospitalStay = "invoice_question.hospital_stay" [],
    QuestionHospitalStayOf = "invoice_question.hospital_stay_of" [person],
    QuestionOutsideEea = "invoice_question.outside_eea" [],
    QuestionOutsideEeaOf = "invoice_question.outside_eea_of" [person],
    QuestionPreviousPayment = "invoice_question.previous_payment" [],
    QuestionPreviousPaymentOf = "invoice_question.previous_payment_of" [person],
    QuestionLastMonthOfPeriod = "invoice_question.last_month_of_period" [],
    QuestionLastMonthOfPeriodOf = "invoice_question.last_month_of_period_of" [person],
    QuestionMoneyLeft = "invoice_question.money_left" [],
    QuestionMoneyLeftOf = "invoice_question.money_left_of" [person],
    // Free text that is not Timbok's own words (FK's texts, a library's reason): passed as is.
    Verbatim = "text.verbatim" [text],
}

/// A typed parameter: each edge formats it in its own language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Param {
    /// Text passed as it is (FK's own words, a field's name as typed). Never personal data,
    /// except the first name of the person with assistance in the invoice's questions
    /// (`invoice_question.*_of`), which are shown in the window and never logged.
    Text(String),
    Number(i64),
    /// On the wire `YYYY-MM-DD`.
    Date(NaiveDate),
    /// On the wire `HH:MM`.
    #[serde(serialize_with = "time_wire")]
    Time(NaiveTime),
    /// Wall-clock time in Europe/Stockholm; on the wire `YYYY-MM-DDTHH:MM`.
    #[serde(serialize_with = "date_time_wire")]
    DateTime(NaiveDateTime),
    /// A duration in whole minutes.
    Minutes(i64),
    /// Money in öre.
    Ore(i64),
    /// A calendar month; on the wire `YYYY-MM`.
    #[serde(serialize_with = "month_wire")]
    Month(NaiveDate),
    /// Wall-clock intervals in Europe/Stockholm, named as shifts are (`24 okt 22:00–07:00`,
    /// several joined by a comma); on the wire `["YYYY-MM-DDTHH:MM/YYYY-MM-DDTHH:MM", …]`.
    #[serde(serialize_with = "spans_wire")]
    Spans(Vec<(NaiveDateTime, NaiveDateTime)>),
    /// A word or phrase of the catalogue itself (a role, a field's label), worded in the same
    /// language; on the wire its key.
    #[serde(serialize_with = "key_wire")]
    Key(Key),
}

fn time_wire<S: Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&t.format("%H:%M"))
}

fn date_time_wire<S: Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&t.format("%Y-%m-%dT%H:%M"))
}

fn spans_wire<S: Serializer>(
    spans: &[(NaiveDateTime, NaiveDateTime)],
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_seq(spans.iter().map(|(a, b)| {
        format!(
            "{}/{}",
            a.format("%Y-%m-%dT%H:%M"),
            b.format("%Y-%m-%dT%H:%M")
        )
    }))
}

fn month_wire<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&d.format("%Y-%m"))
}

/// A message for the user: its key and named parameters. On the wire
/// `{"key": "shift.note_too_long", "params": {"max": {"type": "number", "value": 500}}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    #[serde(serialize_with = "key_wire")]
    pub key: Key,
    #[serde(serialize_with = "params_wire")]
    pub params: Vec<(&'static str, Param)>,
}

fn key_wire<S: Serializer>(key: &Key, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(key.as_str())
}

pub fn params_wire<S: Serializer>(
    params: &[(&'static str, Param)],
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(params.len()))?;
    for (name, value) in params {
        map.serialize_entry(name, value)?;
    }
    map.end()
}

impl From<Key> for Message {
    fn from(key: Key) -> Message {
        Message::new(key)
    }
}

/// Why a message could not be rendered: its parameters do not match its key's template.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    #[error("{key}: no template in {locale:?}")]
    NoTemplate { key: &'static str, locale: Locale },
    #[error("{key}: parameter {param} missing")]
    MissingParam { key: &'static str, param: String },
    #[error("{key}: parameter {param} not in the template")]
    UnusedParam {
        key: &'static str,
        param: &'static str,
    },
}

impl Message {
    /// A message without parameters (add them with [`Message::with`] and its shorthands).
    pub fn new(key: Key) -> Message {
        Message {
            key,
            params: Vec::new(),
        }
    }

    /// Free text that is not Timbok's own (FK's words, a library's reason).
    pub fn verbatim(text: impl Into<String>) -> Message {
        Message::new(Key::Verbatim).text("text", text)
    }

    /// FK's own words (a validation text of E-RÄK), passed on as they are.
    pub fn fk_words(text: impl Into<String>) -> Message {
        Message::verbatim(text)
    }

    /// A message read back from its wire form (`{key, params}` as [`Message`] serializes it),
    /// e.g. as stored in the database; `None` for a key this build does not know or parameters
    /// that do not fit it.
    pub fn from_wire(key: &str, params: &serde_json::Value) -> Option<Message> {
        let key = *Key::ALL.iter().find(|k| k.as_str() == key)?;
        let mut message = Message::new(key);
        let given = params.as_object()?;
        for name in key.params() {
            let param = given.get(*name)?;
            let value = &param["value"];
            let text = value.as_str();
            let date = |f: &str| text.and_then(|t| NaiveDate::parse_from_str(t, f).ok());
            let date_time = |t: &str| NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M").ok();
            let parsed = match param["type"].as_str()? {
                "text" => Param::Text(text?.to_owned()),
                "number" => Param::Number(value.as_i64()?),
                "date" => Param::Date(date("%Y-%m-%d")?),
                "time" => Param::Time(NaiveTime::parse_from_str(text?, "%H:%M").ok()?),
                "date_time" => Param::DateTime(date_time(text?)?),
                "minutes" => Param::Minutes(value.as_i64()?),
                "ore" => Param::Ore(value.as_i64()?),
                "month" => Param::Month(
                    NaiveDate::parse_from_str(&format!("{}-01", text?), "%Y-%m-%d").ok()?,
                ),
                "spans" => Param::Spans(
                    value
                        .as_array()?
                        .iter()
                        .map(|span| {
                            let (a, b) = span.as_str()?.split_once('/')?;
                            Some((date_time(a)?, date_time(b)?))
                        })
                        .collect::<Option<Vec<_>>>()?,
                ),
                "key" => Param::Key(*Key::ALL.iter().find(|k| Some(k.as_str()) == text)?),
                _ => return None,
            };
            message = message.with(name, parsed);
        }
        Some(message)
    }

    pub fn with(mut self, name: &'static str, value: Param) -> Message {
        self.params.push((name, value));
        self
    }

    pub fn text(self, name: &'static str, value: impl Into<String>) -> Message {
        self.with(name, Param::Text(value.into()))
    }

    pub fn number(self, name: &'static str, value: impl Into<i64>) -> Message {
        self.with(name, Param::Number(value.into()))
    }

    pub fn date(self, name: &'static str, value: NaiveDate) -> Message {
        self.with(name, Param::Date(value))
    }

    pub fn time(self, name: &'static str, value: NaiveTime) -> Message {
        self.with(name, Param::Time(value))
    }

    pub fn date_time(self, name: &'static str, value: NaiveDateTime) -> Message {
        self.with(name, Param::DateTime(value))
    }

    /// A phrase of the catalogue (a role, a label) in the same language.
    pub fn key(self, name: &'static str, value: Key) -> Message {
        self.with(name, Param::Key(value))
    }

    pub fn minutes(self, name: &'static str, value: i64) -> Message {
        self.with(name, Param::Minutes(value))
    }

    pub fn ore(self, name: &'static str, value: i64) -> Message {
        self.with(name, Param::Ore(value))
    }

    /// One wall-clock interval, named as a shift.
    pub fn span(self, name: &'static str, from: NaiveDateTime, to: NaiveDateTime) -> Message {
        self.with(name, Param::Spans(vec![(from, to)]))
    }

    /// The month holding `first_day` (any day of it).
    pub fn month(self, name: &'static str, first_day: NaiveDate) -> Message {
        self.with(name, Param::Month(first_day))
    }

    pub fn param(&self, name: &str) -> Option<&Param> {
        self.params.iter().find(|(n, _)| *n == name).map(|(_, p)| p)
    }

    /// The text in `locale`. A parameter missing from the message, or one the template does not
    /// use, is an error (a bug in the code that built it).
    pub fn try_render(&self, locale: Locale) -> Result<String, RenderError> {
        let key = self.key.as_str();
        let template = template(self.key, locale).ok_or(RenderError::NoTemplate { key, locale })?;
        for (name, _) in &self.params {
            if !self.key.params().contains(name) {
                return Err(RenderError::UnusedParam { key, param: name });
            }
        }
        let mut out = String::with_capacity(template.len());
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                rest = "";
                break;
            };
            let name = &after[..close];
            let value = self.param(name).ok_or_else(|| RenderError::MissingParam {
                key,
                param: name.to_owned(),
            })?;
            let text = format_param(value, locale);
            if out.is_empty() {
                // A sentence that starts with a parameter starts with a capital letter.
                let mut chars = text.chars();
                if let Some(first) = chars.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(chars.as_str());
                }
            } else {
                out.push_str(&text);
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    /// The text in `locale`. In the core's tests a mismatch of parameters panics; elsewhere the
    /// template's placeholder is left as it is, so the user still reads the rest.
    pub fn render(&self, locale: Locale) -> String {
        match self.try_render(locale) {
            Ok(text) => text,
            Err(e) => {
                if cfg!(test) {
                    panic!("{e}");
                }
                tracing::error!(error = %e, "message rendered with wrong parameters");
                template(self.key, locale)
                    .unwrap_or(self.key.as_str())
                    .to_owned()
            }
        }
    }
}

/// The Swedish text.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Locale::Sv))
    }
}

static SV: LazyLock<HashMap<String, String>> =
    LazyLock::new(|| parse_catalogue(include_str!("../messages/sv.json")));
static EN: LazyLock<HashMap<String, String>> =
    LazyLock::new(|| parse_catalogue(include_str!("../messages/en.json")));

fn parse_catalogue(json: &str) -> HashMap<String, String> {
    serde_json::from_str(json).expect("the message catalogue is a JSON object of strings")
}

fn catalogue(locale: Locale) -> &'static HashMap<String, String> {
    match locale {
        Locale::Sv => &SV,
        Locale::En => &EN,
    }
}

/// The template of `key` in `locale`.
pub fn template(key: Key, locale: Locale) -> Option<&'static str> {
    catalogue(locale).get(key.as_str()).map(String::as_str)
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn short_month(month0: usize, locale: Locale) -> &'static str {
    match locale {
        Locale::Sv => &MONTHS_SV[month0][..3],
        Locale::En => &MONTHS_EN[month0][..3],
    }
}

/// Thousands grouped (sv: a no-break space, en: a comma).
fn grouped(n: u64, locale: Locale) -> String {
    let digits = n.to_string();
    let sep = match locale {
        Locale::Sv => '\u{a0}',
        Locale::En => ',',
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// One parameter in `locale`'s way (the UI's renderer does the same, ui/src/i18n).
pub fn format_param(param: &Param, locale: Locale) -> String {
    match param {
        Param::Text(text) => text.clone(),
        Param::Number(n) => {
            let sign = if *n < 0 { "-" } else { "" };
            format!("{sign}{}", grouped(n.unsigned_abs(), locale))
        }
        Param::Date(d) => format!(
            "{} {} {}",
            d.day(),
            short_month(d.month0() as usize, locale),
            d.year()
        ),
        Param::Time(t) => format!("{:02}:{:02}", t.hour(), t.minute()),
        Param::DateTime(t) => format!(
            "{} {} {} {:02}:{:02}",
            t.day(),
            short_month(t.month0() as usize, locale),
            t.year(),
            t.hour(),
            t.minute()
        ),
        Param::Minutes(m) => {
            let sign = if *m < 0 { "-" } else { "" };
            let (h, min) = (m.unsigned_abs() / 60, m.unsigned_abs() % 60);
            match (locale, h, min) {
                (Locale::Sv, 0, _) => format!("{sign}{min} min"),
                (Locale::Sv, _, 0) => format!("{sign}{h} tim"),
                (Locale::Sv, _, _) => format!("{sign}{h} tim {min} min"),
                (Locale::En, 0, _) => format!("{sign}{min} min"),
                (Locale::En, _, 0) => format!("{sign}{h} h"),
                (Locale::En, _, _) => format!("{sign}{h} h {min} min"),
            }
        }
        Param::Ore(ore) => {
            let sign = if *ore < 0 { "-" } else { "" };
            let (kr, rest) = (ore.unsigned_abs() / 100, ore.unsigned_abs() % 100);
            match locale {
                Locale::Sv => format!("{sign}{},{rest:02}\u{a0}kr", grouped(kr, locale)),
                Locale::En => format!("{sign}SEK\u{a0}{}.{rest:02}", grouped(kr, locale)),
            }
        }
        Param::Spans(spans) => spans
            .iter()
            .map(|&(from, to)| span_label(from, to, locale))
            .collect::<Vec<_>>()
            .join(", "),
        Param::Key(key) => template(*key, locale).unwrap_or(key.as_str()).to_owned(),
        Param::Month(d) => match locale {
            Locale::Sv => format!("{} {}", MONTHS_SV[d.month0() as usize], d.year()),
            Locale::En => format!("{} {}", MONTHS_EN[d.month0() as usize], d.year()),
        },
    }
}

fn short_date(d: NaiveDate, locale: Locale) -> String {
    format!("{} {}", d.day(), short_month(d.month0() as usize, locale))
}

/// How a shift is named: `24 okt 22:00–07:00`. One that ends at midnight after its start day
/// reads `22:00–24:00`; one that ends on the next day and lasts less than 24 hours leaves the
/// end date out, as people write it; anything else (longer, an end before the start) shows
/// both dates so that the label is never misleading. The UI's renderer does the same.
pub fn span_label(start: NaiveDateTime, end: NaiveDateTime, locale: Locale) -> String {
    let hhmm = |t: NaiveDateTime| format!("{:02}:{:02}", t.hour(), t.minute());
    let next_day = start.date().succ_opt();
    let end_text = if end.date() == start.date() && end > start {
        hhmm(end)
    } else if Some(end.date()) == next_day && end.time() == NaiveTime::MIN {
        "24:00".to_owned()
    } else if Some(end.date()) == next_day && end.time() < start.time() {
        hhmm(end)
    } else {
        format!("{} {}", short_date(end.date(), locale), hhmm(end))
    };
    format!(
        "{} {}–{}",
        short_date(start.date(), locale),
        hhmm(start),
        end_text
    )
}

/// The names of the `{placeholders}` in a template.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        names.push(&after[..close]);
        rest = &after[close + 1..];
    }
    names.sort_unstable();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn every_key_has_a_template_in_both_languages_with_its_params() {
        for key in Key::ALL {
            let declared: BTreeSet<&str> = key.params().iter().copied().collect();
            for locale in Locale::ALL {
                let template = template(*key, locale)
                    .unwrap_or_else(|| panic!("{} has no text in {locale:?}", key.as_str()));
                assert!(!template.trim().is_empty(), "{} {locale:?}", key.as_str());
                let used: BTreeSet<&str> = placeholders(template).into_iter().collect();
                assert_eq!(used, declared, "{} {locale:?}", key.as_str());
            }
        }
    }

    #[test]
    fn every_catalogue_key_is_a_key() {
        let known: BTreeSet<&str> = Key::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(known.len(), Key::ALL.len(), "two keys share a name");
        for locale in Locale::ALL {
            for name in catalogue(locale).keys() {
                assert!(
                    known.contains(name.as_str()),
                    "{name} in {locale:?} is no key"
                );
            }
        }
    }

    #[test]
    fn renders_each_param_type_in_each_language() {
        let cases = [
            (Param::Text("ELT".into()), "ELT", "ELT"),
            (Param::Number(12_345), "12\u{a0}345", "12,345"),
            (Param::Date(d(2026, 4, 3)), "3 apr 2026", "3 Apr 2026"),
            (
                Param::Time(NaiveTime::from_hms_opt(7, 5, 0).unwrap()),
                "07:05",
                "07:05",
            ),
            (
                Param::DateTime(d(2026, 10, 25).and_hms_opt(2, 30, 0).unwrap()),
                "25 okt 2026 02:30",
                "25 Oct 2026 02:30",
            ),
            (Param::Minutes(450), "7 tim 30 min", "7 h 30 min"),
            (Param::Minutes(120), "2 tim", "2 h"),
            (Param::Minutes(-25), "-25 min", "-25 min"),
            (
                Param::Ore(12_345_678),
                "123\u{a0}456,78\u{a0}kr",
                "SEK\u{a0}123,456.78",
            ),
            (Param::Ore(-5), "-0,05\u{a0}kr", "-SEK\u{a0}0.05"),
            (Param::Month(d(2026, 5, 1)), "maj 2026", "May 2026"),
            (
                Param::Spans(vec![
                    (
                        d(2026, 10, 24).and_hms_opt(22, 0, 0).unwrap(),
                        d(2026, 10, 25).and_hms_opt(7, 0, 0).unwrap(),
                    ),
                    (
                        d(2026, 5, 4).and_hms_opt(22, 0, 0).unwrap(),
                        d(2026, 5, 5).and_hms_opt(0, 0, 0).unwrap(),
                    ),
                    (
                        d(2026, 5, 4).and_hms_opt(8, 0, 0).unwrap(),
                        d(2026, 5, 6).and_hms_opt(9, 0, 0).unwrap(),
                    ),
                ]),
                "24 okt 22:00–07:00, 4 maj 22:00–24:00, 4 maj 08:00–6 maj 09:00",
                "24 Oct 22:00–07:00, 4 May 22:00–24:00, 4 May 08:00–6 May 09:00",
            ),
            (
                Param::Key(Key::WhoAssistant),
                "assistenten",
                "the assistant",
            ),
        ];
        for (param, sv, en) in cases {
            assert_eq!(format_param(&param, Locale::Sv), sv, "{param:?}");
            assert_eq!(format_param(&param, Locale::En), en, "{param:?}");
        }
    }

    #[test]
    fn renders_a_template_and_refuses_wrong_params() {
        let m = Message::new(Key::ShiftNoteTooLong).number("max", 500);
        assert_eq!(
            m.try_render(Locale::Sv).unwrap(),
            "Anteckningen får vara högst 500 tecken."
        );
        assert_eq!(
            m.try_render(Locale::En).unwrap(),
            "A note can be at most 500 characters long."
        );
        assert!(matches!(
            Message::new(Key::ShiftNoteTooLong).try_render(Locale::Sv),
            Err(RenderError::MissingParam { .. })
        ));
        assert!(matches!(
            Message::new(Key::ShiftTooLong)
                .number("max", 1)
                .try_render(Locale::En),
            Err(RenderError::UnusedParam { .. })
        ));
    }

    #[test]
    fn a_sentence_starting_with_a_parameter_starts_with_a_capital() {
        let m = Message::new(Key::PhoneDigits).key("who", Key::WhoAssistantOwner);
        assert_eq!(
            m.render(Locale::Sv),
            "Assistentens telefonnummer ska ha mellan 7 och 15 siffror."
        );
        assert_eq!(
            m.render(Locale::En),
            "The assistant's phone number must have 7 to 15 digits."
        );
    }

    #[test]
    fn reads_back_what_it_writes() {
        let at = d(2026, 10, 25).and_hms_opt(2, 30, 0).unwrap();
        let messages = [
            Message::new(Key::FindingDuringHospitalStay)
                .span("shift", at, at + chrono::Duration::hours(3))
                .minutes("inside", 90)
                .with(
                    "stays",
                    Param::Spans(vec![(at, at + chrono::Duration::hours(1))]),
                ),
            Message::new(Key::InvoiceMonthNotOver)
                .month("month", d(2026, 3, 1))
                .date("from", d(2026, 4, 1)),
            Message::new(Key::PhoneDigits).key("who", Key::WhoAssistantOwner),
            Message::fk_words("Fältet saknas"),
            Message::new(Key::ErakUnavailable).number("status", 503),
        ];
        for m in messages {
            let wire = serde_json::to_value(&m).unwrap();
            let back = Message::from_wire(wire["key"].as_str().unwrap(), &wire["params"]);
            assert_eq!(back, Some(m));
        }
        assert_eq!(
            Message::from_wire("no.such_key", &serde_json::json!({})),
            None
        );
        assert_eq!(
            Message::from_wire("shift.note_too_long", &serde_json::json!({})),
            None
        );
    }

    #[test]
    fn serialises_key_and_typed_params() {
        let m = Message::new(Key::DatabaseTooNew)
            .number("found", 9)
            .number("supported", 8);
        assert_eq!(
            serde_json::to_value(&m).unwrap(),
            serde_json::json!({"key": "error.database_too_new", "params": {
                "found": {"type": "number", "value": 9},
                "supported": {"type": "number", "value": 8}}})
        );
        let m = Message::verbatim("x").with(
            "at",
            Param::DateTime(d(2026, 1, 2).and_hms_opt(3, 4, 0).unwrap()),
        );
        let v = serde_json::to_value(&m.params).unwrap();
        assert_eq!(
            v[1][1],
            serde_json::json!({"type": "date_time", "value": "2026-01-02T03:04"})
        );
    }
}
