/** Every connector registers itself here. */
import "./http-json";
