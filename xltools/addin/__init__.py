"""Build tooling of the Excel add-in ``xltools.xlam``: the VBA sources and ribbon XML (``vba/``),
the MS-OVBA project writer (:mod:`~xltools.addin.vbaproject`), the build and the install
(:mod:`~xltools.addin.build`).  The built add-in ships inside the package."""

from .build import CUSTOMUI_PART, DEFAULT_OUT, MACROS, addin_main, build_addin, copy_to_checkout, install_addin, xlstart_dir

__all__ = ["CUSTOMUI_PART", "DEFAULT_OUT", "MACROS", "addin_main", "build_addin", "copy_to_checkout", "install_addin",
           "xlstart_dir"]
