// Poison header: common/analysis and common/document are pure (text in,
// tokens or articles out) and must not use Xapian. Their targets put this
// folder first on the include path, so an #include <xapian.h> there stops
// the build here instead of quietly linking the engine's edge into them.
#error "common/analysis and common/document must not include Xapian (see docs/ARCHITECTURE.md)"
