import Domain

/// What the first-run form needs to render: the values typed so far (never the password),
/// one message per field that failed, and the time zones to choose from.
struct SetupPageModel: Encodable, Equatable {
    /// The form as posted.
    struct Form: Codable, Equatable {
        var practiceName: String
        var timeZone: String
        var email: String
        var password: String?
        var passwordConfirmation: String?
    }

    /// What is echoed back into the form: no password ever.
    struct Echo: Encodable, Equatable {
        let practiceName: String
        let email: String
    }

    /// One message per field; absent fields render no error.
    struct FieldErrors: Encodable, Equatable {
        var practiceName: String?
        var timeZone: String?
        var email: String?
        var password: String?
        var passwordConfirmation: String?

        var count: Int {
            [practiceName, timeZone, email, password, passwordConfirmation].compactMap { $0 }.count
        }
    }

    /// An option of the time-zone list.
    struct ZoneOption: Encodable, Equatable {
        let id: String
        let label: String
        let selected: Bool
    }

    let form: Echo
    let errors: FieldErrors
    let hasErrors: Bool
    let errorCount: Int
    let timeZones: [ZoneOption]
    let minimumPasswordLength: Int

    /// US practice time zones first, then UTC.
    static let commonZones: [(String, String)] = [
        ("America/New_York", "Eastern — New York"),
        ("America/Chicago", "Central — Chicago"),
        ("America/Denver", "Mountain — Denver"),
        ("America/Phoenix", "Arizona — Phoenix (no daylight saving)"),
        ("America/Los_Angeles", "Pacific — Los Angeles"),
        ("America/Anchorage", "Alaska — Anchorage"),
        ("Pacific/Honolulu", "Hawaii — Honolulu"),
        ("America/Puerto_Rico", "Atlantic — Puerto Rico"),
        ("UTC", "UTC"),
    ]

    init(form: Form, errors: FieldErrors = FieldErrors()) {
        self.form = Echo(practiceName: form.practiceName, email: form.email)
        self.errors = errors
        self.hasErrors = errors.count > 0
        self.errorCount = errors.count
        var zones = Self.commonZones
        if !form.timeZone.isEmpty, !zones.contains(where: { $0.0 == form.timeZone }) {
            zones.append((form.timeZone, form.timeZone))
        }
        self.timeZones = zones.map { ZoneOption(id: $0.0, label: $0.1, selected: $0.0 == form.timeZone) }
        self.minimumPasswordLength = PasswordPolicy.minimumLength
    }

    /// The empty form, preselecting `defaultTimeZone`.
    static func blank(defaultTimeZone: String) -> SetupPageModel {
        SetupPageModel(form: Form(practiceName: "", timeZone: defaultTimeZone, email: ""))
    }

    /// Checks every field at once, so the person fixes everything in one go.
    static func validate(_ form: Form) -> FieldErrors {
        var errors = FieldErrors()
        do { _ = try OrganizationName.normalize(form.practiceName) } catch { errors.practiceName = error.description.capitalizedFirst }
        do { _ = try IANATimeZone.validate(form.timeZone) } catch { errors.timeZone = error.description.capitalizedFirst }
        do { _ = try EmailAddress(form.email) } catch { errors.email = error.description.capitalizedFirst }
        let password = form.password ?? ""
        do { try PasswordPolicy.validate(password) } catch { errors.password = error.description.capitalizedFirst }
        if errors.password == nil, password != (form.passwordConfirmation ?? "") {
            errors.passwordConfirmation = "The two passwords differ"
        }
        return errors
    }
}

/// What the page shown after set-up needs.
struct SetupDonePageModel: Encodable, Equatable {
    let practiceName: String
    let adminEmail: String
    let timeZone: String
    let token: String
    let tokenExpires: String
    let host: String
}

extension String {
    /// The string with its first letter upper-cased, for messages that start a sentence.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
