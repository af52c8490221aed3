/// The built-in catalog of accelerators, servers, sites and equipment, looked up by name.
public enum Catalog {
    public static var accelerators: [AcceleratorEntry] { AcceleratorCatalog.entries }
    public static var servers: [ServerEntry] { ServerCatalog.entries }
    public static var sites: [SiteEntry] { SiteCatalog.entries }
    public static var equipment: [EquipmentEntry] { EquipmentCatalog.entries }
    /// NICs, switches, transceivers and cables of scale-out fabrics.
    public static var network: [EquipmentEntry] { NetworkCatalog.fabric }
    /// Each accelerator's scale-up link, named as the accelerator.
    public static var scaleUpLinks: [EquipmentEntry] { NetworkCatalog.scaleUp }

    public static func accelerator(named name: String) -> AcceleratorEntry? { accelerators.first { $0.name == name } }
    public static func server(named name: String) -> ServerEntry? { servers.first { $0.name == name } }
    public static func site(named name: String) -> SiteEntry? { sites.first { $0.name == name } }
    public static func equipment(named name: String) -> EquipmentEntry? { equipment.first { $0.name == name } }
    public static func network(named name: String) -> EquipmentEntry? { network.first { $0.name == name } }
    public static func scaleUpLink(of accelerator: String) -> EquipmentEntry? { scaleUpLinks.first { $0.name == accelerator } }

    /// The closest name in a section, for "did you mean".
    public static func suggestion(for name: String, among names: [String]) -> String? {
        closestMatch(to: name, among: names)
    }
}
