"""The wheel carries the top-level sql/ folder and corrections.yaml inside the warehouse package, as
warehouse/_packaged/, so that an installed sentra finds them without the repository (see
warehouse.settings.packaged_path). The top-level layout stays as it is; everything else is in
pyproject.toml."""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

TOP_LEVEL_DATA = ("sql", "corrections.yaml")


class BuildWithTopLevelData(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):  # an editable install reads them where they are
            return
        target = Path(self.build_lib) / "warehouse" / "_packaged"
        for name in TOP_LEVEL_DATA:
            source = Path(name)
            if source.is_dir():
                shutil.copytree(source, target / name, dirs_exist_ok=True)
            else:
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)


setup(cmdclass={"build_py": BuildWithTopLevelData})
