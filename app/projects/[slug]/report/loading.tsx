import { ProgramLoading } from "../program-loading";

export default ProgramLoading;
