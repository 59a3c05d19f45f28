"""Sphinx extension: the chapters' kernels run with an encrypted ZeroMQ transport.

myst-nb executes each chapter in an IPython kernel that it starts through jupyter_client.  By default the kernel
talks to the build over plain TCP on 127.0.0.1, and ipykernel (>= 7) warns about it in the build log ("Kernel is
running over TCP without encryption").  The cure the warning itself names is CurveZMQ keys provisioned by the kernel
manager; jupyter_client (>= 8.7) does that when its ``transport_encryption`` policy is ``"auto"`` and the kernel's
kernelspec declares support (ipykernel's does).  myst-nb offers no way to configure the kernel manager, so this
extension sets that policy's default for the build process.  With an older jupyter_client, or a pyzmq without
CurveZMQ, it does nothing (and the kernel behaves as before).
"""

from __future__ import annotations


def _enable_curve_transport() -> bool:
    try:
        import zmq
        from jupyter_client.manager import KernelManager
    except ImportError:
        return False
    trait = KernelManager.class_traits().get("transport_encryption")
    if trait is None or not zmq.has("curve"):
        return False
    trait.default_value = "auto"
    return True


def setup(app):
    _enable_curve_transport()
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
