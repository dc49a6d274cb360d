"""The composition root: the one place that names every app to put the site
together (docs/ARCHITECTURE.md "The layers"). It sits above every app in the
import contract; the kernel (haikou_exec) sits below them and imports none."""
