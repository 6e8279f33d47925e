"""Typed identifiers, so a room id cannot be passed where a user id is expected."""

from typing import NewType

UserId = NewType("UserId", int)
RoomId = NewType("RoomId", int)
MessageId = NewType("MessageId", int)
CategoryId = NewType("CategoryId", int)
ThreadId = NewType("ThreadId", int)
PostId = NewType("PostId", int)
