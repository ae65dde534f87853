"""
Views for coaching, by who uses them. Each obtains what it works on through one access function
(so a coach without access, or whose access was revoked, gets the same 404 as for a missing page)
and then makes one service or selector call.
"""
